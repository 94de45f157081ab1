/// A small, strict, non-validating XML reader that builds an ``XMLElementNode`` tree.
///
/// It exists so PNML import needs neither libxml2 nor FoundationXML and can report the line and column of
/// every problem. It handles the XML declaration (UTF-8 and ISO-8859-1/Latin-1 encodings), comments,
/// processing instructions, a DOCTYPE (skipped), CDATA sections, the predefined entities and character
/// references. PNML files are small, so the whole document is held in memory.
package struct XMLTreeReader {
    private let bytes: [UInt8]
    private let file: String?
    private var index = 0
    private var latin1 = false
    // Cached line bookkeeping: positions are requested in increasing order.
    private var countedUpTo = 0
    private var line = 1
    private var column = 1

    package init(bytes: [UInt8], file: String? = nil) {
        self.bytes = bytes
        self.file = file
    }

    /// Parses the document and returns its root element.
    /// - Throws: ``DiscoveryError`` `.malformedXML` or `.unsupportedEncoding` with line and column.
    package mutating func readDocument() throws -> XMLElementNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw failure(.unsupportedEncoding, "UTF-16 documents are not supported; save the file as UTF-8")
        }
        var root: XMLElementNode?
        while true {
            skipWhitespace()
            guard index < bytes.count else { break }
            guard bytes[index] == UInt8(ascii: "<") else {
                throw failure(.malformedXML, root == nil ? "text before the root element" : "text after the root element")
            }
            if startsWith("<?") {
                try readProcessingInstruction()
            } else if startsWith("<!--") {
                try skipComment()
            } else if startsWith("<!DOCTYPE") {
                guard root == nil else { throw failure(.malformedXML, "DOCTYPE after the root element") }
                try skipDoctype()
            } else if root == nil {
                root = try readElementTree()
            } else {
                throw failure(.malformedXML, "a second root element")
            }
        }
        guard let root else { throw failure(.malformedXML, "the document has no root element") }
        return root
    }

    // MARK: Elements

    private mutating func readElementTree() throws -> XMLElementNode {
        var stack: [(node: XMLElementNode, rawName: String)] = []
        while true {
            guard index < bytes.count else {
                let open = stack.last!.node
                throw DiscoveryError(.malformedXML, "element <\(open.name)> is not closed",
                                     location: .init(file: file, line: open.line, column: open.column))
            }
            if bytes[index] != UInt8(ascii: "<") {
                guard !stack.isEmpty else { throw failure(.malformedXML, "text outside the root element") }
                stack[stack.count - 1].node.text += try readText()
            } else if startsWith("</") {
                let (line, column) = position()
                index += 2
                let name = try readName()
                skipWhitespace()
                try expect(">")
                guard let open = stack.popLast() else { throw failure(.malformedXML, "unexpected end tag") }
                guard open.rawName == name else {
                    throw DiscoveryError(.malformedXML,
                                         "end tag </\(name)> does not match <\(open.rawName)> opened at line \(open.node.line)",
                                         location: .init(file: file, line: line, column: column))
                }
                if stack.isEmpty { return open.node }
                stack[stack.count - 1].node.children.append(open.node)
            } else if startsWith("<!--") {
                try skipComment()
            } else if startsWith("<![CDATA[") {
                guard !stack.isEmpty else { throw failure(.malformedXML, "CDATA outside the root element") }
                stack[stack.count - 1].node.text += try readCDATA()
            } else if startsWith("<?") {
                try readProcessingInstruction()
            } else if startsWith("<!") {
                throw failure(.malformedXML, "unexpected markup declaration inside an element")
            } else {
                let (node, rawName, selfClosing) = try readStartTag()
                if selfClosing {
                    if stack.isEmpty { return node }
                    stack[stack.count - 1].node.children.append(node)
                } else {
                    stack.append((node, rawName))
                }
            }
        }
    }

    private mutating func readStartTag() throws -> (XMLElementNode, String, Bool) {
        let (line, column) = position()
        index += 1
        let rawName = try readName()
        var attributes: [String: String] = [:]
        while true {
            let hadSpace = skipWhitespace()
            guard index < bytes.count else { throw failure(.malformedXML, "unterminated start tag <\(rawName)>") }
            if startsWith("/>") {
                index += 2
                return (node(rawName, attributes, line, column), rawName, true)
            }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                return (node(rawName, attributes, line, column), rawName, false)
            }
            guard hadSpace else { throw failure(.malformedXML, "expected whitespace before an attribute") }
            let attributeStart = index
            let attributeName = try readName()
            skipWhitespace()
            try expect("=")
            skipWhitespace()
            let value = try readAttributeValue()
            let key = localName(attributeName)
            guard attributes[key] == nil else {
                throw DiscoveryError(.malformedXML, "attribute '\(attributeName)' appears twice in <\(rawName)>",
                                     location: locationOf(attributeStart))
            }
            attributes[key] = value
        }
    }

    private func node(_ rawName: String, _ attributes: [String: String], _ line: Int, _ column: Int) -> XMLElementNode {
        XMLElementNode(name: localName(rawName), attributes: attributes, line: line, column: column)
    }

    private func localName(_ name: String) -> String {
        name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }

    private mutating func readName() throws -> String {
        let start = index
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        guard index > start, !isDigitOrDash(bytes[start]) else { throw failure(.malformedXML, "expected a name") }
        return try decode(start..<index)
    }

    private func isNameByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"),
             UInt8(ascii: "."), 0x80...0xFF:
            true
        default: false
        }
    }

    private func isDigitOrDash(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    private mutating func readAttributeValue() throws -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
            throw failure(.malformedXML, "attribute value must be quoted")
        }
        let quote = bytes[index]
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != quote {
            if bytes[index] == UInt8(ascii: "<") { throw failure(.malformedXML, "'<' inside an attribute value") }
            index += 1
        }
        guard index < bytes.count else { throw failure(.malformedXML, "unterminated attribute value") }
        let raw = start..<index
        index += 1
        return try decodeEntities(raw)
    }

    private mutating func readText() throws -> String {
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
        return try decodeEntities(start..<index)
    }

    private mutating func readCDATA() throws -> String {
        index += 9
        let start = index
        guard let end = find("]]>") else { throw failure(.malformedXML, "unterminated CDATA section") }
        index = end + 3
        return try decode(start..<end)
    }

    // MARK: Prolog and skipped constructs

    private mutating func readProcessingInstruction() throws {
        let start = index
        guard let end = find("?>") else { throw failure(.malformedXML, "unterminated processing instruction") }
        let content = String(decoding: bytes[start..<end], as: UTF8.self)
        index = end + 2
        guard content.hasPrefix("<?xml ") || content == "<?xml" else { return }
        guard let range = content.range(of: "encoding=") else { return }
        let value = content[range.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }.lowercased()
        switch value {
        case "utf-8", "utf8", "us-ascii", "ascii": latin1 = false
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "windows-1252", "cp1252": latin1 = true
        default:
            throw DiscoveryError(.unsupportedEncoding, "encoding '\(value)' is not supported (use UTF-8 or ISO-8859-1)",
                                 location: locationOf(start))
        }
    }

    private mutating func skipComment() throws {
        guard let end = find("-->", from: index + 4) else { throw failure(.malformedXML, "unterminated comment") }
        index = end + 3
    }

    private mutating func skipDoctype() throws {
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ">") where depth == 0:
                index += 1
                return
            default: break
            }
            index += 1
        }
        throw failure(.malformedXML, "unterminated DOCTYPE")
    }

    // MARK: Text decoding

    private func decode(_ range: Range<Int>) throws -> String {
        if let control = bytes[range].firstIndex(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
            throw DiscoveryError(.malformedXML, "control character U+\(String(bytes[control], radix: 16, uppercase: true)) is not allowed in XML",
                                 location: locationOf(control))
        }
        if latin1 { return String(bytes[range].map { Character(Unicode.Scalar($0)) }) }
        guard let text = String(validating: bytes[range], as: UTF8.self) else {
            throw DiscoveryError(.malformedXML, "invalid UTF-8 byte sequence", location: locationOf(range.lowerBound))
        }
        return text
    }

    private func decodeEntities(_ range: Range<Int>) throws -> String {
        guard bytes[range].contains(UInt8(ascii: "&")) else { return try decode(range) }
        var result = ""
        var segmentStart = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            guard bytes[i] == UInt8(ascii: "&") else { i += 1; continue }
            result += try decode(segmentStart..<i)
            guard let semicolon = bytes[i..<range.upperBound].firstIndex(of: UInt8(ascii: ";")), semicolon - i <= 12 else {
                throw DiscoveryError(.malformedXML, "'&' that does not start an entity reference", location: locationOf(i))
            }
            let entity = String(decoding: bytes[(i + 1)..<semicolon], as: UTF8.self)
            guard let replacement = Self.resolve(entity) else {
                throw DiscoveryError(.malformedXML, "unknown entity '&\(entity);'", location: locationOf(i))
            }
            result.unicodeScalars.append(replacement)
            i = semicolon + 1
            segmentStart = i
        }
        result += try decode(segmentStart..<range.upperBound)
        return result
    }

    private static func resolve(_ entity: String) -> Unicode.Scalar? {
        switch entity {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard entity.hasPrefix("#") else { return nil }
            let digits = entity.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            // XML 1.0 allows tab, line feed, carriage return and U+0020 upwards (no U+FFFE/U+FFFF).
            return value.flatMap(Unicode.Scalar.init).flatMap { scalar in
                (scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF)
                    || scalar == "\t" || scalar == "\n" || scalar == "\r" ? scalar : nil
            }
        }
    }

    // MARK: Scanning helpers

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = index
        while index < bytes.count,
              bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
        return index > start
    }

    private func startsWith(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { buffer in
            for k in 0..<count where bytes[index + k] != buffer[k] { return false }
            return true
        }
    }

    private mutating func expect(_ literal: StaticString) throws {
        guard startsWith(literal) else { throw failure(.malformedXML, "expected '\(literal)'") }
        index += literal.utf8CodeUnitCount
    }

    private func find(_ literal: StaticString, from start: Int? = nil) -> Int? {
        let count = literal.utf8CodeUnitCount
        return literal.withUTF8Buffer { buffer -> Int? in
            var i = start ?? index
            while i + count <= bytes.count {
                if bytes[i] == buffer[0] {
                    var match = true
                    for k in 1..<count where bytes[i + k] != buffer[k] {
                        match = false
                        break
                    }
                    if match { return i }
                }
                i += 1
            }
            return nil
        }
    }

    // MARK: Positions

    private mutating func position() -> (line: Int, column: Int) {
        let target = min(index, bytes.count)
        if target < countedUpTo {
            countedUpTo = 0
            line = 1
            column = 1
        }
        while countedUpTo < target {
            let byte = bytes[countedUpTo]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if latin1 || byte & 0xC0 != 0x80 {
                column += 1
            }
            countedUpTo += 1
        }
        return (line, column)
    }

    private func locationOf(_ offset: Int) -> DiscoveryError.Location {
        var line = 1, lineStart = 0
        for k in 0..<min(offset, bytes.count) where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        var column = 1
        for k in lineStart..<min(offset, bytes.count) where latin1 || bytes[k] & 0xC0 != 0x80 { column += 1 }
        return .init(file: file, line: line, column: column)
    }

    private func failure(_ code: DiscoveryError.Code, _ message: String) -> DiscoveryError {
        let end = min(index + 40, bytes.count)
        let excerpt = String(decoding: bytes[min(index, bytes.count)..<end], as: UTF8.self)
        return DiscoveryError(code, message, location: locationOf(index), excerpt: excerpt.isEmpty ? nil : excerpt)
    }
}
