extension ProcessTree {
    /// The operator symbol PM4Py prints: `->`, `X`, `+`, `*`; nil for leaves.
    public var operatorSymbol: String? {
        switch self {
        case .activity, .silent: nil
        case .sequence: "->"
        case .exclusiveChoice: "X"
        case .parallel: "+"
        case .loop: "*"
        }
    }

    /// The tree in PM4Py's textual syntax, e.g. `->( 'a', X( tau, 'b' ) )`.
    ///
    /// Labels are single-quoted; a quote or backslash inside a label is escaped with a backslash
    /// (PM4Py writes labels raw, so for labels without those characters the text is identical to
    /// PM4Py's `str(tree)`). A lone activity at the root is quoted too, so the text always parses back
    /// with ``init(pm4pyText:)``.
    ///
    /// ```swift
    /// let tree = ProcessTree.sequence([.activity("a"), .exclusiveChoice([.silent, .activity("b")])])
    /// print(tree.pm4pyText)   // ->( 'a', X( tau, 'b' ) )
    /// ```
    public var pm4pyText: String {
        var text = ""
        appendText(to: &text)
        return text
    }

    private func appendText(to text: inout String) {
        switch self {
        case .activity(let label):
            text += "'"
            for character in label {
                if character == "'" || character == "\\" { text += "\\" }
                text.append(character)
            }
            text += "'"
        case .silent:
            text += "tau"
        case .sequence(let children), .exclusiveChoice(let children), .parallel(let children), .loop(let children):
            text += operatorSymbol! + "( "
            for (i, child) in children.enumerated() {
                if i > 0 { text += ", " }
                child.appendText(to: &text)
            }
            text += " )"
        }
    }
}

extension ProcessTree: CustomStringConvertible {
    /// The tree in PM4Py's textual syntax (see ``pm4pyText``).
    public var description: String { pm4pyText }
}
