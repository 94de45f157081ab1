/// A compact, lossless binary form of attribute lists (and of a ``LogHeader``) for stores that keep an
/// event's or trace's attributes in one column (a SQLite `BLOB`, a PostgreSQL `bytea`).
///
/// Every value keeps its XES type, nested values and meta-attributes, floats their exact bits and dates
/// their UTC offset, so a stored log loads back equal. Layout, little-endian: a list is a `UInt32` count
/// followed by attributes; an attribute is its key (`UInt32` byte length + UTF-8), a type tag byte, the
/// value, then its children as a list.
///
/// ```swift
/// let bytes = AttributeCodec.encode(log.eventAttributes.attributes(atRow: 0))
/// let attributes = try AttributeCodec.decode(bytes)
/// ```
public enum AttributeCodec {
    private enum Tag: UInt8 {
        case string = 1, date, int, float, boolean, id, list, container
    }

    /// The binary form of `attributes`.
    public static func encode(_ attributes: [Attribute]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(attributes.count * 24)
        append(attributes, to: &out)
        return out
    }

    /// The binary form of a header (extensions, globals, classifiers, log attributes, XML attributes).
    public static func encode(_ header: LogHeader) -> [UInt8] {
        var out: [UInt8] = []
        appendCount(header.extensions.count, to: &out)
        for e in header.extensions {
            appendString(e.name, to: &out)
            appendString(e.prefix, to: &out)
            appendString(e.uri, to: &out)
        }
        append(header.traceGlobals, to: &out)
        append(header.eventGlobals, to: &out)
        appendCount(header.classifiers.count, to: &out)
        for c in header.classifiers {
            appendString(c.name, to: &out)
            appendCount(c.keys.count, to: &out)
            for key in c.keys { appendString(key, to: &out) }
        }
        append(header.attributes, to: &out)
        let xml = header.xmlAttributes.sorted { $0.key < $1.key }
        appendCount(xml.count, to: &out)
        for (key, value) in xml {
            appendString(key, to: &out)
            appendString(value, to: &out)
        }
        return out
    }

    /// Decodes what ``encode(_:)-([Attribute])`` wrote.
    /// - Throws: ``StoreError`` with `corrupt` when the bytes are not such an encoding.
    public static func decode(_ bytes: [UInt8]) throws -> [Attribute] {
        try bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            let attributes = try reader.attributes()
            try reader.expectEnd()
            return attributes
        }
    }

    /// Decodes what ``encode(_:)-(LogHeader)`` wrote.
    /// - Throws: ``StoreError`` with `corrupt`.
    public static func decodeHeader(_ bytes: [UInt8]) throws -> LogHeader {
        try bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            var header = LogHeader()
            for _ in 0..<(try reader.count()) {
                header.extensions.append(XESExtension(name: try reader.string(), prefix: try reader.string(), uri: try reader.string()))
            }
            header.traceGlobals = try reader.attributes()
            header.eventGlobals = try reader.attributes()
            for _ in 0..<(try reader.count()) {
                let name = try reader.string()
                var keys: [String] = []
                for _ in 0..<(try reader.count()) { keys.append(try reader.string()) }
                header.classifiers.append(Classifier(name: name, keys: keys))
            }
            header.attributes = try reader.attributes()
            for _ in 0..<(try reader.count()) {
                let key = try reader.string()
                header.xmlAttributes[key] = try reader.string()
            }
            try reader.expectEnd()
            return header
        }
    }

    private static func append(_ attributes: [Attribute], to out: inout [UInt8]) {
        appendCount(attributes.count, to: &out)
        for attribute in attributes {
            appendString(attribute.key, to: &out)
            switch attribute.value {
            case .string(let s):
                out.append(Tag.string.rawValue)
                appendString(s, to: &out)
            case .id(let s):
                out.append(Tag.id.rawValue)
                appendString(s, to: &out)
            case .date(let t):
                out.append(Tag.date.rawValue)
                appendInteger(UInt64(bitPattern: t.microseconds), bytes: 8, to: &out)
                appendInteger(UInt64(UInt16(bitPattern: t.utcOffsetMinutes ?? .min)), bytes: 2, to: &out)
            case .int(let v):
                out.append(Tag.int.rawValue)
                appendInteger(UInt64(bitPattern: v), bytes: 8, to: &out)
            case .float(let v):
                out.append(Tag.float.rawValue)
                appendInteger(v.bitPattern, bytes: 8, to: &out)
            case .boolean(let v):
                out.append(Tag.boolean.rawValue)
                out.append(v ? 1 : 0)
            case .list(let children):
                out.append(Tag.list.rawValue)
                append(children, to: &out)
            case .container(let children):
                out.append(Tag.container.rawValue)
                append(children, to: &out)
            }
            append(attribute.children, to: &out)
        }
    }

    private static func appendCount(_ count: Int, to out: inout [UInt8]) {
        appendInteger(UInt64(count), bytes: 4, to: &out)
    }

    private static func appendString(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { utf8 in
            appendCount(utf8.count, to: &out)
            out.append(contentsOf: utf8)
        }
    }

    @inline(__always)
    private static func appendInteger(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
        for i in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func integer(_ size: Int) throws -> UInt64 {
            guard offset + size <= bytes.count else { throw StoreError(.corrupt, "attribute data ends early") }
            var value: UInt64 = 0
            for i in 0..<size { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
            offset += size
            return value
        }

        mutating func count() throws -> Int {
            let value = Int(try integer(4))
            guard value <= bytes.count - offset else { throw StoreError(.corrupt, "attribute count exceeds the data") }
            return value
        }

        mutating func string() throws -> String {
            let length = try count()
            let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset ..< offset + length]), as: UTF8.self)
            offset += length
            return string
        }

        mutating func attributes() throws -> [Attribute] {
            let n = try count()
            var result: [Attribute] = []
            result.reserveCapacity(n)
            for _ in 0..<n {
                let key = try string()
                guard let tag = Tag(rawValue: UInt8(try integer(1))) else { throw StoreError(.corrupt, "unknown attribute type tag") }
                let value: AttributeValue
                switch tag {
                case .string: value = .string(try string())
                case .id: value = .id(try string())
                case .date:
                    let micros = Int64(bitPattern: try integer(8))
                    let offset = Int16(bitPattern: UInt16(try integer(2)))
                    value = .date(Timestamp(microseconds: micros, utcOffsetMinutes: offset == .min ? nil : offset))
                case .int: value = .int(Int64(bitPattern: try integer(8)))
                case .float: value = .float(Double(bitPattern: try integer(8)))
                case .boolean: value = .boolean(try integer(1) != 0)
                case .list: value = .list(try attributes())
                case .container: value = .container(try attributes())
                }
                result.append(Attribute(key: key, value: value, children: try attributes()))
            }
            return result
        }

        func expectEnd() throws {
            guard offset == bytes.count else { throw StoreError(.corrupt, "attribute data has trailing bytes") }
        }
    }
}
