import Foundation

/// A small push scanner for the XML inside `.xlsx` files: fed chunk by chunk, it reports start tags (with
/// attributes), end tags and text, so a sheet is read row by row without holding its XML or a DOM.
///
/// It understands what SpreadsheetML uses: elements, attributes in single or double quotes, the five
/// named entities and numeric character references, comments, processing instructions and CDATA.
struct XMLTagScanner {
    enum Token {
        case start(name: Substring, attributes: [Substring: String], selfClosing: Bool)
        case end(name: Substring)
        case text(String)
    }

    /// A malformed construct, with the byte offset where it starts.
    struct Malformed: Error {
        var offset: Int
        var reason: String
    }

    private var pending: [UInt8] = []
    private var consumed = 0

    /// Feeds more bytes and hands every complete token to `handle`.
    mutating func feed(_ bytes: some Sequence<UInt8>, _ handle: (Token) throws -> Void) throws {
        pending.append(contentsOf: bytes)
        var index = 0
        while index < pending.count {
            if pending[index] != UInt8(ascii: "<") {
                guard let next = pending[index...].firstIndex(of: UInt8(ascii: "<")) else { break }
                try handle(.text(try Self.decode(pending[index..<next], offset: consumed + index)))
                index = next
                continue
            }
            if Self.starts(pending, at: index, with: "<!--") {
                guard let end = Self.find(pending, "-->", from: index + 4) else { break }
                index = end + 3
                continue
            }
            if Self.starts(pending, at: index, with: "<![CDATA[") {
                guard let end = Self.find(pending, "]]>", from: index + 9) else { break }
                try handle(.text(String(decoding: pending[(index + 9)..<end], as: UTF8.self)))
                index = end + 3
                continue
            }
            guard let close = Self.tagEnd(pending, from: index + 1) else { break }
            let tag = pending[(index + 1)..<close]
            if tag.first == UInt8(ascii: "?") || tag.first == UInt8(ascii: "!") {
                index = close + 1
                continue
            }
            if tag.first == UInt8(ascii: "/") {
                try handle(.end(name: Self.localName(Substring(decoding: tag.dropFirst(), as: UTF8.self).trimmingCharacters(in: .whitespaces)[...])))
            } else {
                try handle(try Self.startTag(tag, offset: consumed + index))
            }
            index = close + 1
        }
        consumed += index
        pending.removeFirst(index)
    }

    /// Checks that nothing incomplete is left at the end of the document.
    func finish() throws {
        if pending.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
            throw Malformed(offset: consumed, reason: "the XML ends inside a tag")
        }
    }

    private static func startTag(_ tag: ArraySlice<UInt8>, offset: Int) throws -> Token {
        var body = tag
        let selfClosing = body.last == UInt8(ascii: "/")
        if selfClosing { body = body.dropLast() }
        let nameEnd = body.firstIndex(where: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) ?? body.endIndex
        let name = localName(Substring(decoding: body[body.startIndex..<nameEnd], as: UTF8.self))
        var attributes: [Substring: String] = [:]
        var i = nameEnd
        while i < body.endIndex {
            while i < body.endIndex, body[i] == 0x20 || body[i] == 0x0A || body[i] == 0x0D || body[i] == 0x09 { i += 1 }
            guard i < body.endIndex else { break }
            guard let equals = body[i...].firstIndex(of: UInt8(ascii: "=")) else {
                throw Malformed(offset: offset, reason: "an attribute without a value in <\(name)>")
            }
            let key = localName(Substring(decoding: body[i..<equals], as: UTF8.self).trimmingCharacters(in: .whitespaces)[...])
            var j = equals + 1
            while j < body.endIndex, body[j] == 0x20 { j += 1 }
            guard j < body.endIndex, body[j] == UInt8(ascii: "\"") || body[j] == UInt8(ascii: "'"),
                  let end = body[(j + 1)...].firstIndex(of: body[j]) else {
                throw Malformed(offset: offset, reason: "an unquoted attribute value in <\(name)>")
            }
            attributes[key] = try decode(body[(j + 1)..<end], offset: offset)
            i = end + 1
        }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    /// `x:c` → `c`: SpreadsheetML is read by local names.
    private static func localName(_ name: Substring) -> Substring {
        name.lastIndex(of: ":").map { name[name.index(after: $0)...] } ?? name
    }

    /// Text with entities replaced.
    static func decode(_ bytes: ArraySlice<UInt8>, offset: Int) throws -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var result = ""
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard let amp = bytes[i...].firstIndex(of: UInt8(ascii: "&")) else {
                result += String(decoding: bytes[i...], as: UTF8.self)
                break
            }
            result += String(decoding: bytes[i..<amp], as: UTF8.self)
            guard let semicolon = bytes[amp...].firstIndex(of: UInt8(ascii: ";")), semicolon - amp <= 10 else {
                throw Malformed(offset: offset + (amp - bytes.startIndex), reason: "an unterminated character reference")
            }
            let name = String(decoding: bytes[(amp + 1)..<semicolon], as: UTF8.self)
            switch name {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let scalar: UInt32?
                if name.hasPrefix("#x") { scalar = UInt32(name.dropFirst(2), radix: 16) } else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()) } else { scalar = nil }
                guard let scalar, let character = Unicode.Scalar(scalar) else {
                    throw Malformed(offset: offset + (amp - bytes.startIndex), reason: "an unknown entity &\(name);")
                }
                result.unicodeScalars.append(character)
            }
            i = semicolon + 1
        }
        return result
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
    }

    private static func find(_ bytes: [UInt8], _ needle: StaticString, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if starts(bytes, at: index, with: needle) { return index }
            index += 1
        }
        return nil
    }

    /// The `>` closing a tag that starts before `from`, skipping `>` inside quoted attribute values.
    private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var quote: UInt8 = 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return nil
    }
}
