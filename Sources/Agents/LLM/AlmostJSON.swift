import Explain
import Foundation
import Packs

/// Recovers one JSON object from text a language model wrapped in prose or code fences, or spoiled with
/// trailing commas or typographic quotes. Finding where a candidate ends is Explain's `JSONInText`; this
/// adds the repairs and the decoding into a `PackValue`.
public enum AlmostJSON {
    /// The first JSON object found in `text`, or nil.
    public static func extractObject(from text: String) -> PackValue? {
        let normalised = text
            .replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
            .replacingOccurrences(of: "\u{2018}", with: "'").replacingOccurrences(of: "\u{2019}", with: "'")
        var searchStart = normalised.startIndex
        while let open = normalised[searchStart...].firstIndex(of: "{") {
            if let close = JSONInText.end(ofValueAt: open, in: normalised) {
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
