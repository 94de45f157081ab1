import Foundation
import Packs

/// Recovers one JSON object from text a language model wrapped in prose or code fences, or spoiled with
/// trailing commas or typographic quotes.
public enum AlmostJSON {
    /// The first JSON object found in `text`, or nil.
    public static func extractObject(from text: String) -> PackValue? {
        let normalised = text
            .replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
            .replacingOccurrences(of: "\u{2018}", with: "'").replacingOccurrences(of: "\u{2019}", with: "'")
        var searchStart = normalised.startIndex
        while let open = normalised[searchStart...].firstIndex(of: "{") {
            if let close = matchingBrace(in: normalised, from: open) {
                let candidate = removingTrailingCommas(String(normalised[open...close]))
                if let data = candidate.data(using: .utf8),
                   let value = try? JSONDecoder().decode(PackValue.self, from: data), case .object = value {
                    return value
                }
            }
            searchStart = normalised.index(after: open)
        }
        return nil
    }

    private static func matchingBrace(in text: String, from open: String.Index) -> String.Index? {
        var depth = 0
        var inString = false
        var escaped = false
        var index = open
        while index < text.endIndex {
            let c = text[index]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "{" {
                depth += 1
            } else if c == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func removingTrailingCommas(_ text: String) -> String {
        var result = ""
        var inString = false
        var escaped = false
        var pendingComma = false
        var pendingSpace = ""
        for c in text {
            if inString {
                result.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            if pendingComma {
                if c.isWhitespace {
                    pendingSpace.append(c)
                    continue
                }
                if c != "}" && c != "]" { result.append(",") }
                result += pendingSpace
                pendingComma = false
                pendingSpace = ""
            }
            if c == "," {
                pendingComma = true
                continue
            }
            if c == "\"" { inString = true }
            result.append(c)
        }
        return result
    }
}
