/// Quoting for Graphviz DOT: every id and label is written as a double-quoted string.
enum DOTText {
    static func quote(_ text: String) -> String {
        var result = "\""
        for ch in text {
            switch ch {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": continue
            default: result.append(ch)
            }
        }
        return result + "\""
    }
}
