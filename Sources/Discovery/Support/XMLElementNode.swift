/// One element of a small XML document tree, with the 1-based line and column of its start tag so that
/// format readers built on it (PNML) can report where a semantic problem is.
package struct XMLElementNode: Sendable {
    /// The element name without its namespace prefix.
    package var name: String
    package var attributes: [String: String]
    package var children: [XMLElementNode]
    /// The character data directly inside this element (entities decoded, CDATA included).
    package var text: String
    package var line: Int
    package var column: Int

    package init(name: String, attributes: [String: String] = [:], children: [XMLElementNode] = [],
                 text: String = "", line: Int = 0, column: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
        self.column = column
    }

    /// The first child element called `name`.
    package func child(_ name: String) -> XMLElementNode? {
        children.first { $0.name == name }
    }

    /// Every child element called `name`, in document order.
    package func children(_ name: String) -> [XMLElementNode] {
        children.filter { $0.name == name }
    }

    /// The trimmed text of the `<text>` child, as PNML stores labels and values.
    package var textChildValue: String? {
        child("text").map { $0.text.trimmingXMLWhitespace() }
    }
}

extension String {
    /// The string without leading and trailing XML whitespace (space, tab, CR, LF).
    package func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
