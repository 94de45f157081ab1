/// Finds JSON inside text a language model wrapped in prose or code fences: where a `{…}` or `[…]` that
/// starts at a bracket ends, with brackets inside JSON strings (and escaped quotes) ignored. The one scanner
/// behind ``EchoLanguageModel``'s JSON mode and Agents' `AlmostJSON`, which repairs and decodes what it finds.
///
/// ```swift
/// JSONInText.firstValue(in: "Sure! ```json\n{\"a\": [1, \"}\"]}\n```")   // {"a": [1, "}"]}
/// ```
public enum JSONInText {
    /// The text of the first balanced object or array in `text`, or nil when none closes.
    public static func firstValue(in text: String) -> Substring? {
        let scalars = text.unicodeScalars
        guard let open = scalars.firstIndex(where: { $0 == "{" || $0 == "[" }), let close = end(ofValueAt: open, in: text) else {
            return nil
        }
        return text[open...close]
    }

    /// The index of the bracket closing the object or array whose opening bracket is at `open`, or nil when
    /// it never closes. Only the nesting depth is tracked (a `]` may close a `{`); the decoder judges the rest.
    public static func end(ofValueAt open: String.Index, in text: String) -> String.Index? {
        let scalars = text.unicodeScalars
        var depth = 0
        var inString = false
        var escaped = false
        var index = open
        while index < scalars.endIndex {
            let c = scalars[index]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else {
                switch c {
                case "\"": inString = true
                case "{", "[": depth += 1
                case "}", "]":
                    depth -= 1
                    if depth == 0 { return index }
                default: break
                }
            }
            index = scalars.index(after: index)
        }
        return nil
    }
}
