import EventLog

extension ErrorCode where Domain == DiscoveryErrorDomain {
    /// A process tree's text could not be parsed, or a PTML document does not describe a valid tree.
    public static var invalidProcessTree: Self { Self(rawValue: "invalidProcessTree") }
}

extension ProcessTree {
    /// Parses PM4Py's textual syntax: operators `->` (sequence), `X` (exclusive choice), `+` (parallel),
    /// `*` (loop) followed by a parenthesised, comma-separated child list; single-quoted labels in which
    /// `\'` and `\\` stand for a quote and a backslash; `tau` (or `τ`) for a silent step. Whitespace and
    /// line breaks between tokens are ignored.
    ///
    /// ```swift
    /// let tree = try ProcessTree(pm4pyText: "->( 'a', X( tau, 'b' ) )")
    /// ```
    /// - Throws: ``DiscoveryError`` with code `invalidProcessTree` and the line and
    ///   column of the offending character.
    public init(pm4pyText text: String) throws {
        var parser = ProcessTreeParser(text)
        self = try parser.parseDocument()
    }
}

/// A recursive-descent parser over the Unicode scalars of a tree's text that tracks line and column.
struct ProcessTreeParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    mutating func parseDocument() throws -> ProcessTree {
        skipWhitespace()
        guard index < scalars.count else { throw failure("the text is empty; expected a process tree") }
        let tree = try parseNode(depth: 0)
        skipWhitespace()
        guard index == scalars.count else { throw failure("unexpected text after the end of the tree") }
        return tree
    }

    private mutating func parseNode(depth: Int) throws -> ProcessTree {
        guard depth < 10_000 else { throw failure("the tree is nested too deeply") }
        skipWhitespace()
        guard index < scalars.count else { throw failure("the text ends where a tree node was expected") }
        if scalars[index] == "'" { return .activity(try parseLabel()) }
        if matches("tau") { index += 3; return .silent }
        if scalars[index] == "τ" { index += 1; return .silent }
        let make: ([ProcessTree]) -> ProcessTree
        if matches("->") { index += 2; make = ProcessTree.sequence }
        else if matches("X") { index += 1; make = ProcessTree.exclusiveChoice }
        else if matches("+") { index += 1; make = ProcessTree.parallel }
        else if matches("*") { index += 1; make = ProcessTree.loop }
        else if matches("O") || matches("<>") || matches("PO") {
            throw failure("operator not supported (only ->, X, +, * are)")
        } else {
            throw failure("expected an operator (->, X, +, *), a quoted label or tau")
        }
        skipWhitespace()
        guard index < scalars.count, scalars[index] == "(" else { throw failure("expected '(' after the operator") }
        index += 1
        var children: [ProcessTree] = []
        skipWhitespace()
        if index < scalars.count, scalars[index] == ")" {
            index += 1
            return make(children)
        }
        while true {
            children.append(try parseNode(depth: depth + 1))
            skipWhitespace()
            guard index < scalars.count else { throw failure("the text ends inside an operator; expected ',' or ')'") }
            if scalars[index] == "," { index += 1; continue }
            if scalars[index] == ")" { index += 1; return make(children) }
            throw failure("expected ',' or ')' after a child")
        }
    }

    private mutating func parseLabel() throws -> String {
        let opening = index
        index += 1
        var label = String.UnicodeScalarView()
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count, scalars[index + 1] == "'" || scalars[index + 1] == "\\" {
                label.append(scalars[index + 1])
                index += 2
                continue
            }
            if scalar == "'" {
                index += 1
                return String(label)
            }
            label.append(scalar)
            index += 1
        }
        index = opening
        throw failure("the label is not closed by a quote")
    }

    private func matches(_ token: String) -> Bool {
        var i = index
        for scalar in token.unicodeScalars {
            guard i < scalars.count, scalars[i] == scalar else { return false }
            i += 1
        }
        return true
    }

    private mutating func skipWhitespace() {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
    }

    private func failure(_ message: String) -> DiscoveryError {
        var line = 1, column = 1
        for scalar in scalars[..<min(index, scalars.count)] {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        let excerpt = String(String.UnicodeScalarView(scalars[min(index, scalars.count)..<min(index + 30, scalars.count)]))
        return DiscoveryError(.invalidProcessTree, message, location: DiscoveryError.Location(line: line, column: column),
                              excerpt: excerpt.isEmpty ? nil : excerpt)
    }
}
