#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming, byte-level XML tokenizer: it pulls chunks from a ``ByteSource`` into one growing buffer
/// and reports start and end tags with their attributes as byte ranges of that buffer.
///
/// It enforces well-formedness (one root, matching end tags, quoted attribute values, known entities,
/// no text outside the root) and skips the XML declaration, processing instructions, comments and
/// DOCTYPE. Attribute values are returned with entities and character references decoded and whitespace
/// normalised as XML requires. Element text is skipped (XES keeps everything in attributes) unless the
/// scanner is made with `collectsText` (OCEL XML keeps attribute values as text): then ``text`` holds the
/// character data since the previous tag, entities decoded, CDATA sections included, line ends normalised.
///
/// Lines and columns are counted only when asked for: a cursor moves forward through the input, so asking
/// for the position of every tag in document order (``tagLocation()``) costs one pass over the bytes.
///
/// ```swift
/// var scanner = XMLScanner(source: try FileByteSource(path: path), fileName: "log.xml", collectsText: true)
/// while case let token = try scanner.next(), token != .endOfDocument { … }
/// ```
package struct XMLScanner {
    /// One attribute of the current tag: name bytes in the buffer, value bytes in the buffer or, when the
    /// value needed decoding, in the decode buffer.
    package struct XMLAttribute {
        var nameStart: Int
        var nameLength: Int
        var valueStart: Int
        var valueLength: Int
        var needsDecoding: Bool
        var decodedStart: Int
    }

    package enum Token {
        /// A start tag (``isSelfClosing`` tells `<a/>`, which has no end tag, from `<a>`).
        case startTag
        case endTag
        case endOfDocument
    }

    /// A position in the buffer with its line (1-based) and the characters before it on that line.
    private struct LineCursor {
        var offset: Int
        var line: Int
        var column: Int
    }

    private enum Markup {
        case incomplete
        case skipped(Int)
        case token(Token, Int)
    }

    /// The longest single piece of markup accepted; protects memory against a missing quote or `>`.
    static let maximumMarkupLength = 64 << 20

    package let fileName: String?
    private let source: ByteSource
    /// Owns the raw buffers below (frees them when the scanner goes away).
    private let storage: XMLScannerStorage
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var position = 0
    private var limit = 0
    private var sourceFinished = false
    private var atDocumentStart = true

    /// The line position of `buffer[0]`, and a cursor at or after it that only moves forward.
    private var bufferStartCursor = LineCursor(offset: 0, line: 1, column: 0)
    private var cursor = LineCursor(offset: 0, line: 1, column: 0)

    private let collectsText: Bool
    private let validatesUTF8: Bool
    /// Bytes before this offset are known to be valid UTF-8 (with `validatesUTF8`).
    private var validatedUpTo = 0
    /// Text since the previous token: the decoded part in `textBytes`, then a plain part still in the buffer.
    private var textBytes: UnsafeMutablePointer<UInt8>
    private var textCapacity: Int
    private var textCount = 0
    private var plainTextStart = 0
    private var plainTextLength = 0

    /// Start offset (in the buffer) of the current tag's `<`.
    private(set) var tagStart = 0
    private(set) var nameStart = 0
    private(set) var nameLength = 0
    /// Whether the current start tag ended with `/>`.
    package private(set) var isSelfClosing = false
    private var attributes: UnsafeMutablePointer<XMLAttribute>
    private var attributeCapacity: Int
    /// The number of attributes of the current tag.
    package private(set) var attributeCount = 0
    private var decoded: UnsafeMutablePointer<UInt8>
    private var decodedCapacity: Int
    private var decodedCount = 0

    private var openNames: [UInt8] = []
    private var openNameEnds: [Int] = []
    private var rootSeen = false
    /// Set when the XML declaration names ISO-8859-1 or Windows-1252; values are then transcoded to UTF-8.
    private var singleByteEncoding: SingleByteEncoding?
    private var rootClosed = false

    /// A scanner reading `source`; `fileName` names the input in errors. With `collectsText`, ``text``
    /// reports element text (checked for control characters). With `validatesUTF8`, input declared as
    /// UTF-8 is checked from the root element on, so no invalid byte reaches a value unnoticed.
    package init(source: ByteSource, fileName: String?, collectsText: Bool = false, validatesUTF8: Bool = false,
                 chunkSize: Int = 1 << 18) {
        self.source = source
        self.fileName = fileName
        self.collectsText = collectsText
        self.validatesUTF8 = validatesUTF8
        capacity = chunkSize
        decodedCapacity = 4096
        attributeCapacity = 8
        textCapacity = collectsText ? 4096 : 1
        storage = XMLScannerStorage(buffer: .allocate(capacity: chunkSize), decoded: .allocate(capacity: decodedCapacity),
                                    text: .allocate(capacity: textCapacity), attributes: .allocate(capacity: attributeCapacity))
        buffer = storage.buffer
        decoded = storage.decoded
        textBytes = storage.text
        attributes = storage.attributes
    }

    /// The current tag's name.
    package var name: UnsafeRawBufferPointer {
        @inline(__always) get { UnsafeRawBufferPointer(start: buffer + nameStart, count: nameLength) }
    }

    /// The name of attribute `i` of the current tag.
    @inline(__always)
    package func attributeName(_ i: Int) -> UnsafeRawBufferPointer {
        let a = attributes[i]
        return UnsafeRawBufferPointer(start: buffer + a.nameStart, count: a.nameLength)
    }

    /// The (decoded) value of attribute `i` of the current tag. Valid until the next call to ``next()``.
    @inline(__always)
    package func attributeValue(_ i: Int) -> UnsafeRawBufferPointer {
        let a = attributes[i]
        if a.needsDecoding { return UnsafeRawBufferPointer(start: decoded + a.decodedStart, count: a.valueLength) }
        return UnsafeRawBufferPointer(start: buffer + a.valueStart, count: a.valueLength)
    }

    /// The index of the attribute named `name` in the current tag.
    @inline(__always)
    package func attributeIndex(_ name: StaticString) -> Int? {
        let wanted = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for i in 0 ..< attributeCount where attributes[i].nameLength == wanted.count {
            if memcmp(buffer + attributes[i].nameStart, wanted.baseAddress!, wanted.count) == 0 { return i }
        }
        return nil
    }

    /// The character data between the previous token and the current one (only with `collectsText`):
    /// entities and character references decoded, CDATA sections included, comments left out, CR LF and
    /// CR turned into LF. For an end tag right after its start tag, this is the element's text. Valid
    /// until the next call to ``next()``.
    package var text: UnsafeRawBufferPointer {
        textCount > 0 ? UnsafeRawBufferPointer(start: textBytes, count: textCount)
            : UnsafeRawBufferPointer(start: buffer + plainTextStart, count: plainTextLength)
    }

    /// The `/`-separated names of the elements open at the current token (for error paths).
    package var openElementPath: String {
        var path = ""
        var start = 0
        for end in openNameEnds {
            path += "/" + String(decoding: openNames[start ..< end], as: UTF8.self)
            start = end
        }
        return path
    }

    /// The current tag's name as a string (for error messages).
    package var nameText: String { String(decoding: name, as: UTF8.self) }

    /// The line and column of the current tag's `<`. Cheap when asked for tags in document order.
    package mutating func tagLocation() -> (line: Int, column: Int) {
        cursor = advanced(tagStart >= cursor.offset ? cursor : bufferStartCursor, to: tagStart)
        return (cursor.line, cursor.column + 1)
    }

    /// The next start tag, end tag, or the end of the document.
    package mutating func next() throws -> Token {
        if atDocumentStart { try readDocumentStart() }
        if collectsText {
            textCount = 0
            plainTextLength = 0
        }
        while true {
            if position >= limit {
                if try !refill() { return try endOfDocument() }
                continue
            }
            if validatedUpTo < limit, checksUTF8 { try validateUTF8() }
            let remaining = limit - position
            guard let found = memchr(buffer + position, 0x3C, remaining) else {
                let end = textEnd(from: position)
                try checkText(from: position, to: end)
                position = end
                if end < limit { _ = try refill() }
                continue
            }
            let lt = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
            try checkText(from: position, to: lt)
            position = lt
            switch try scanMarkup(at: lt) {
            case .incomplete:
                guard limit - position < Self.maximumMarkupLength else {
                    throw error(.malformedXML, "markup longer than \(Self.maximumMarkupLength >> 20) MB", at: position)
                }
                if try !refill() {
                    throw error(.malformedXML, "the document ends inside markup", at: position, excerptFrom: position)
                }
            case .skipped(let end):
                if collectsText, !openNameEnds.isEmpty, matches(lt, "<![CDATA[") { try appendText(from: lt + 9, to: end - 3, decodingReferences: false) }
                position = end
            case .token(let token, let end):
                position = end
                return token
            }
        }
    }

    /// An error located at buffer offset `offset`, with the markup starting at `excerptFrom` as excerpt.
    package func error(_ code: EventLogError.Code, _ message: String, at offset: Int, excerptFrom: Int? = nil) -> EventLogError {
        let (line, column) = lineAndColumn(at: offset)
        var excerpt: String?
        if let start = excerptFrom {
            let end = min(limit, start + 80)
            excerpt = String(decoding: UnsafeBufferPointer(start: buffer + start, count: max(0, end - start)), as: UTF8.self)
        }
        return EventLogError(code, message, location: .init(file: fileName, line: line, column: column), excerpt: excerpt)
    }

    /// An error located at the current tag, with the tag as excerpt.
    package func errorAtTag(_ code: EventLogError.Code, _ message: String) -> EventLogError {
        error(code, message, at: tagStart, excerptFrom: tagStart)
    }

    /// An error located at the value of attribute `i` of the current tag.
    package func errorAtAttribute(_ i: Int, _ code: EventLogError.Code, _ message: String) -> EventLogError {
        error(code, message, at: attributes[i].valueStart, excerptFrom: tagStart)
    }

    // MARK: Buffer

    /// Moves unread bytes to the front and reads more. Returns false at the end of the input.
    private mutating func refill() throws -> Bool {
        if plainTextLength > 0 { keepPlainText() }
        // The first bytes of a UTF-8 sequence the buffer cut are kept until the rest arrives.
        let consumed = checksUTF8 ? min(position, validatedUpTo) : position
        if consumed > 0 { discard(consumed) }
        if limit == capacity {
            let newCapacity = capacity * 2
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: buffer, count: limit)
            buffer.deallocate()
            buffer = grown
            storage.buffer = grown
            capacity = newCapacity
        }
        guard !sourceFinished else { return false }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + limit, count: capacity - limit))
        if n == 0 {
            sourceFinished = true
            return false
        }
        limit += n
        return true
    }

    /// Drops the first `count` bytes, remembering the line position after them.
    private mutating func discard(_ count: Int) {
        let end = advanced(count >= cursor.offset ? cursor : bufferStartCursor, to: count)
        bufferStartCursor = LineCursor(offset: 0, line: end.line, column: end.column)
        cursor = cursor.offset > count ? LineCursor(offset: cursor.offset - count, line: cursor.line, column: cursor.column) : bufferStartCursor
        memmove(buffer, buffer + count, limit - count)
        limit -= count
        position -= count
        validatedUpTo = max(0, validatedUpTo - count)
    }

    /// `from` moved forward to buffer offset `offset`: line breaks found with memchr, the characters after
    /// the last one counted.
    private func advanced(_ from: LineCursor, to offset: Int) -> LineCursor {
        guard offset > from.offset else { return from }
        var result = from
        var p = from.offset
        var lastBreak = -1
        while p < offset, let found = memchr(buffer + p, 0x0A, offset - p) {
            lastBreak = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
            result.line += 1
            p = lastBreak + 1
        }
        result.column = lastBreak >= 0 ? characterCount(from: lastBreak + 1, to: offset)
            : from.column + characterCount(from: from.offset, to: offset)
        result.offset = offset
        return result
    }

    private func characterCount(from start: Int, to end: Int) -> Int {
        var n = 0
        for i in start ..< max(start, end) where buffer[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    private func lineAndColumn(at offset: Int) -> (Int, Int) {
        let offset = min(max(offset, 0), limit)
        let at = advanced(offset >= cursor.offset ? cursor : bufferStartCursor, to: offset)
        return (at.line, at.column + 1)
    }

    // MARK: Document structure

    /// Skips a UTF-8 byte-order mark and rejects empty, UTF-16 and binary inputs early.
    private mutating func readDocumentStart() throws {
        atDocumentStart = false
        while limit < 4, try refill() {}
        if limit >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        if limit >= 2, (buffer[0] == 0xFE && buffer[1] == 0xFF) || (buffer[0] == 0xFF && buffer[1] == 0xFE) {
            throw error(.unsupportedFormat, "UTF-16 encoded XML is not supported; convert the file to UTF-8", at: 0)
        }
        while true {
            while position < limit, isSpace(buffer[position]) { position += 1 }
            if position < limit { break }
            if try !refill() { throw EventLogError(.emptyFile, "the input holds no XML", location: .init(file: fileName)) }
        }
        if buffer[position] != 0x3C {
            try checkText(from: position, to: min(limit, position + 512))
        }
    }

    private mutating func endOfDocument() throws -> Token {
        if validatedUpTo < limit, checksUTF8 { try validateUTF8() }
        guard rootSeen else {
            throw EventLogError(.emptyFile, "the input holds no root element", location: .init(file: fileName))
        }
        guard openNameEnds.isEmpty else {
            let start = openNameEnds.count > 1 ? openNameEnds[openNameEnds.count - 2] : 0
            let open = String(decoding: openNames[start...], as: UTF8.self)
            throw error(.malformedXML, "the document ends before <\(open)> is closed", at: limit)
        }
        return .endOfDocument
    }

    /// Text inside elements is collected with `collectsText` and ignored otherwise; outside the root only
    /// whitespace is allowed.
    @inline(__always)
    private mutating func checkText(from start: Int, to end: Int) throws {
        if openNameEnds.isEmpty {
            try checkTextOutsideRoot(from: start, to: end)
        } else if collectsText, end > start {
            try appendText(from: start, to: end, decodingReferences: true)
        }
    }

    // MARK: UTF-8

    /// Whether bytes are checked now: asked for, past the prolog, and not a single-byte encoding.
    private var checksUTF8: Bool {
        validatesUTF8 && rootSeen && singleByteEncoding == nil
    }

    /// Checks `buffer[validatedUpTo..<limit]` (ASCII eight bytes at a time); a sequence cut by the end of
    /// the buffer waits for more input, unless the input has ended.
    private mutating func validateUTF8() throws {
        let raw = UnsafeRawPointer(buffer)
        var i = validatedUpTo
        while i < limit {
            while i + 8 <= limit, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < limit else { break }
            let b = buffer[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            switch b {
            case 0xC2 ... 0xDF: length = 2
            case 0xE0 ... 0xEF: length = 3
            case 0xF0 ... 0xF4: length = 4
            default: throw error(.malformedXML, "the input is not valid UTF-8", at: i)
            }
            guard i + length <= limit else {
                if sourceFinished { throw error(.malformedXML, "the input ends inside a UTF-8 sequence", at: i) }
                break
            }
            let second = buffer[i + 1]
            var valid = second & 0xC0 == 0x80
            for k in 2 ..< max(2, length) where buffer[i + k] & 0xC0 != 0x80 { valid = false }
            switch b {
            case 0xE0: valid = valid && second >= 0xA0
            case 0xED: valid = valid && second < 0xA0
            case 0xF0: valid = valid && second >= 0x90
            case 0xF4: valid = valid && second < 0x90
            default: break
            }
            guard valid else { throw error(.malformedXML, "the input is not valid UTF-8", at: i) }
            i += length
        }
        validatedUpTo = i
    }

    // MARK: Text

    /// Where text running to the end of the buffer can be taken up to: before a reference or a CR that
    /// the next bytes may complete (`&am|p;`, CR|LF), while more input may come.
    private func textEnd(from start: Int) -> Int {
        guard collectsText, !openNameEnds.isEmpty, !sourceFinished else { return limit }
        var i = limit - 1
        while i >= max(start, limit - 12) {
            if buffer[i] == UInt8(ascii: ";") { break }
            if buffer[i] == UInt8(ascii: "&") { return i }
            i -= 1
        }
        return limit > start && buffer[limit - 1] == 0x0D ? limit - 1 : limit
    }

    /// Adds `buffer[start..<end]` to the text: kept in place when it is the first piece and needs no
    /// decoding, copied (decoded) otherwise.
    private mutating func appendText(from start: Int, to end: Int, decodingReferences: Bool) throws {
        var plain = true
        for i in start ..< end {
            let b = buffer[i]
            if (b < 0x20 && b != 0x0A && b != 0x09) || b == UInt8(ascii: "&") || (b >= 0x80 && singleByteEncoding != nil) {
                plain = false
                break
            }
        }
        if plain && textCount == 0 && plainTextLength == 0 {
            plainTextStart = start
            plainTextLength = end - start
            return
        }
        if plainTextLength > 0 { keepPlainText() }
        ensureTextCapacity(textCount + 4 * (end - start))
        var i = start
        while i < end {
            let b = buffer[i]
            if b == UInt8(ascii: "&") && decodingReferences {
                let (scalar, next) = try reference(at: i, end: end, excerptFrom: i)
                for unit in UTF8.encode(scalar)! { appendTextByte(unit) }
                i = next
            } else if b == 0x0D {
                appendTextByte(0x0A)
                i += (i + 1 < end && buffer[i + 1] == 0x0A) ? 2 : 1
            } else if b < 0x20 && !isSpace(b) {
                throw error(.malformedXML, "a control character in element text", at: i, excerptFrom: i)
            } else if b >= 0x80, let encoding = singleByteEncoding {
                for unit in UTF8.encode(encoding.scalar(for: b))! { appendTextByte(unit) }
                i += 1
            } else {
                appendTextByte(b)
                i += 1
            }
        }
    }

    /// Copies the plain piece of text out of the buffer (before the buffer moves, or more text follows).
    private mutating func keepPlainText() {
        let length = plainTextLength
        plainTextLength = 0
        ensureTextCapacity(textCount + length)
        (textBytes + textCount).update(from: buffer + plainTextStart, count: length)
        textCount += length
    }

    @inline(__always)
    private mutating func appendTextByte(_ b: UInt8) {
        textBytes[textCount] = b
        textCount += 1
    }

    private mutating func ensureTextCapacity(_ needed: Int) {
        guard needed > textCapacity else { return }
        (textBytes, textCapacity) = Self.grown(textBytes, capacity: textCapacity, count: textCount, toHold: needed)
        storage.text = textBytes
    }

    /// A copy of `bytes[0..<count]` in a buffer of at least `needed` bytes (capacity doubled), the old one freed.
    private static func grown(_ bytes: UnsafeMutablePointer<UInt8>, capacity: Int, count: Int,
                              toHold needed: Int) -> (UnsafeMutablePointer<UInt8>, Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: bytes, count: count)
        bytes.deallocate()
        return (grown, newCapacity)
    }

    private func checkTextOutsideRoot(from start: Int, to end: Int) throws {
        for i in start ..< end where !isSpace(buffer[i]) {
            if looksBinary(from: i, to: min(end, i + 512)) {
                throw error(.binaryContent, "the input is binary data, not XML", at: i)
            }
            let place = rootClosed ? "after the root element" : "before the root element"
            throw error(.malformedXML, "text \(place)", at: i, excerptFrom: i)
        }
    }

    private func looksBinary(from start: Int, to end: Int) -> Bool {
        var controls = 0
        for i in start ..< end {
            let b = buffer[i]
            if b == 0 { return true }
            if b < 0x20 && !isSpace(b) { controls += 1 }
        }
        return controls * 20 > end - start || (end - start > 0 && buffer[start] >= 0x80 && controls > 0)
    }

    @inline(__always)
    private func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
    }

    // MARK: Markup

    private mutating func scanMarkup(at lt: Int) throws -> Markup {
        guard lt + 1 < limit else { return .incomplete }
        tagStart = lt
        switch buffer[lt + 1] {
        case UInt8(ascii: "?"):
            let markup = try skip(until: "?>", from: lt + 2)
            if case .skipped(let end) = markup, !rootSeen, matches(lt, "<?xml ") { try readEncoding(from: lt, to: end) }
            return markup
        case UInt8(ascii: "!"):
            return try scanDeclaration(at: lt)
        case UInt8(ascii: "/"):
            return try scanEndTag(at: lt)
        default:
            return try scanStartTag(at: lt)
        }
    }

    private mutating func scanDeclaration(at lt: Int) throws -> Markup {
        guard lt + 9 <= limit else {
            return limit - lt >= 4 && matches(lt, "<!--") ? try skip(until: "-->", from: lt + 4) : .incomplete
        }
        if matches(lt, "<!--") { return try skip(until: "-->", from: lt + 4) }
        if matches(lt, "<![CDATA[") {
            guard !openNameEnds.isEmpty else { throw error(.malformedXML, "CDATA outside the root element", at: lt, excerptFrom: lt) }
            return try skip(until: "]]>", from: lt + 9)
        }
        if matches(lt, "<!DOCTYPE") {
            guard !rootSeen else { throw error(.malformedXML, "DOCTYPE after the root element started", at: lt, excerptFrom: lt) }
            return skipDoctype(from: lt + 9)
        }
        throw error(.malformedXML, "unknown markup declaration", at: lt, excerptFrom: lt)
    }

    /// Reads `encoding="…"` from the XML declaration in `[start, end)`: UTF-8 and ASCII need nothing,
    /// ISO-8859-1 and Windows-1252 switch on transcoding, anything else is refused.
    private mutating func readEncoding(from start: Int, to end: Int) throws {
        let declaration = String(decoding: UnsafeBufferPointer(start: buffer + start, count: end - start), as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return }
        let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
        let name = rest.dropFirst().prefix { $0 != quote }.lowercased()
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii":
            singleByteEncoding = nil
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1":
            singleByteEncoding = .latin1
        case "windows-1252", "cp1252":
            singleByteEncoding = .windows1252
        default:
            throw error(.unsupportedFormat, "unsupported encoding '\(name)': use UTF-8, ISO-8859-1 or Windows-1252",
                        at: start, excerptFrom: start)
        }
    }

    private mutating func skip(until terminator: StaticString, from start: Int) throws -> Markup {
        let t = UnsafeRawBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount)
        var i = start
        while i + t.count <= limit {
            guard let found = memchr(buffer + i, Int32(t[0]), limit - i) else { return .incomplete }
            i = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
            guard i + t.count <= limit else { return .incomplete }
            if memcmp(buffer + i, t.baseAddress!, t.count) == 0 { return .skipped(i + t.count) }
            i += 1
        }
        return .incomplete
    }

    private mutating func skipDoctype(from start: Int) -> Markup {
        var i = start
        var bracketDepth = 0
        var quote: UInt8 = 0
        while i < limit {
            let b = buffer[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == 0x22 || b == 0x27 {
                quote = b
            } else if b == UInt8(ascii: "[") {
                bracketDepth += 1
            } else if b == UInt8(ascii: "]") {
                bracketDepth -= 1
            } else if b == UInt8(ascii: ">") && bracketDepth <= 0 {
                return .skipped(i + 1)
            }
            i += 1
        }
        return .incomplete
    }

    @inline(__always)
    private func matches(_ at: Int, _ text: StaticString) -> Bool {
        at + text.utf8CodeUnitCount <= limit && memcmp(buffer + at, text.utf8Start, text.utf8CodeUnitCount) == 0
    }

    /// Scans an XML name from `start`; returns its end, or nil when the buffer ends inside it.
    @inline(__always)
    private mutating func scanName(from start: Int) throws -> Int? {
        var i = start
        while i < limit, Self.isPlainNameByte(buffer[i]) { i += 1 }
        guard i < limit else { return nil }
        let b = buffer[i]
        if !(isSpace(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") || b == UInt8(ascii: "=")) {
            throw error(.malformedXML, "invalid character in a name", at: i, excerptFrom: tagStart)
        }
        guard i > start, isNameStart(buffer[start]) else {
            throw error(.malformedXML, "a tag or attribute name is missing or invalid", at: start, excerptFrom: tagStart)
        }
        return i
    }

    /// Letters, digits, `:_.-` and every byte ≥ 0x80 (UTF-8 name characters), as a 256-bit table.
    @inline(__always)
    private static func isPlainNameByte(_ b: UInt8) -> Bool {
        let word: UInt64
        switch b >> 6 {
        case 0: word = 0x07FF_6000_0000_0000
        case 1: word = 0x07FF_FFFE_87FF_FFFE
        default: word = ~0
        }
        return (word >> UInt64(b & 63)) & 1 == 1
    }

    @inline(__always)
    private func isNameStart(_ b: UInt8) -> Bool {
        (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z")) || b == UInt8(ascii: "_")
            || b == UInt8(ascii: ":") || b >= 0x80
    }

    private mutating func scanEndTag(at lt: Int) throws -> Markup {
        guard let nameEnd = try scanName(from: lt + 2) else { return .incomplete }
        var i = nameEnd
        while i < limit, isSpace(buffer[i]) { i += 1 }
        guard i < limit else { return .incomplete }
        guard buffer[i] == UInt8(ascii: ">") else {
            throw error(.malformedXML, "an end tag must close with '>'", at: i, excerptFrom: lt)
        }
        nameStart = lt + 2
        nameLength = nameEnd - nameStart
        guard let topEnd = openNameEnds.last else {
            throw error(.malformedXML, "an end tag without a matching start tag", at: lt, excerptFrom: lt)
        }
        let topStart = openNameEnds.count > 1 ? openNameEnds[openNameEnds.count - 2] : 0
        let matchesTop = topEnd - topStart == nameLength && openNames.withUnsafeBufferPointer {
            memcmp($0.baseAddress! + topStart, buffer + nameStart, nameLength) == 0
        }
        guard matchesTop else {
            let open = String(decoding: openNames[topStart ..< topEnd], as: UTF8.self)
            throw error(.malformedXML, "mismatched end tag: expected </\(open)>", at: lt, excerptFrom: lt)
        }
        openNameEnds.removeLast()
        openNames.removeLast(topEnd - topStart)
        if openNameEnds.isEmpty { rootClosed = true }
        return .token(.endTag, i + 1)
    }

    private mutating func scanStartTag(at lt: Int) throws -> Markup {
        if rootClosed { throw error(.malformedXML, "an element after the root element", at: lt, excerptFrom: lt) }
        guard let nameEnd = try scanName(from: lt + 1) else { return .incomplete }
        attributeCount = 0
        var i = nameEnd
        while true {
            let beforeSpace = i
            while i < limit, isSpace(buffer[i]) { i += 1 }
            guard i < limit else { return .incomplete }
            let b = buffer[i]
            if b == UInt8(ascii: ">") {
                isSelfClosing = false
                i += 1
                break
            }
            if b == UInt8(ascii: "/") {
                guard i + 1 < limit else { return .incomplete }
                guard buffer[i + 1] == UInt8(ascii: ">") else {
                    throw error(.malformedXML, "expected '/>'", at: i, excerptFrom: lt)
                }
                isSelfClosing = true
                i += 2
                break
            }
            guard i > beforeSpace else {
                throw error(.malformedXML, "attributes must be separated by whitespace", at: i, excerptFrom: lt)
            }
            guard let next = try scanAttribute(at: i) else { return .incomplete }
            i = next
        }
        nameStart = lt + 1
        nameLength = nameEnd - nameStart
        try decodeAttributeValues()
        if !isSelfClosing {
            openNames.append(contentsOf: UnsafeBufferPointer(start: buffer + nameStart, count: nameLength))
            openNameEnds.append(openNames.count)
        } else if openNameEnds.isEmpty {
            rootClosed = true
        }
        rootSeen = true
        return .token(.startTag, i)
    }

    /// Scans `name = "value"`; returns the offset after the closing quote, or nil when incomplete.
    private mutating func scanAttribute(at start: Int) throws -> Int? {
        guard let nameEnd = try scanName(from: start) else { return nil }
        var i = nameEnd
        while i < limit, isSpace(buffer[i]) { i += 1 }
        guard i < limit else { return nil }
        guard buffer[i] == UInt8(ascii: "=") else {
            throw error(.malformedXML, "expected '=' after an attribute name", at: i, excerptFrom: tagStart)
        }
        i += 1
        while i < limit, isSpace(buffer[i]) { i += 1 }
        guard i < limit else { return nil }
        let quote = buffer[i]
        guard quote == 0x22 || quote == 0x27 else {
            throw error(.malformedXML, "an attribute value must be quoted", at: i, excerptFrom: tagStart)
        }
        let valueStart = i + 1
        var needsDecoding = false
        i = singleByteEncoding == nil ? Self.skipPlainBytes(buffer, from: valueStart, to: limit, quote: quote) : valueStart
        while i < limit {
            let b = buffer[i]
            if b == quote { break }
            if b >= 0x80 && singleByteEncoding != nil {
                needsDecoding = true
            } else if b == UInt8(ascii: "&") || b < 0x20 {
                if b < 0x20 && !isSpace(b) {
                    throw error(.malformedXML, "a control character in an attribute value", at: i, excerptFrom: tagStart)
                }
                needsDecoding = true
            } else if b == UInt8(ascii: "<") {
                throw error(.malformedXML, "'<' in an attribute value", at: i, excerptFrom: tagStart)
            }
            i += 1
        }
        guard i < limit else { return nil }
        let nameLength = nameEnd - start
        for k in 0 ..< attributeCount where attributes[k].nameLength == nameLength
            && memcmp(buffer + attributes[k].nameStart, buffer + start, nameLength) == 0 {
            throw error(.malformedXML, "an attribute appears twice in one tag", at: start, excerptFrom: tagStart)
        }
        if attributeCount == attributeCapacity { growAttributes() }
        attributes[attributeCount] = XMLAttribute(nameStart: start, nameLength: nameLength, valueStart: valueStart,
                                                  valueLength: i - valueStart, needsDecoding: needsDecoding, decodedStart: 0)
        attributeCount += 1
        return i + 1
    }

    /// The first offset at or after `start` whose 8-byte word holds the quote, `&`, `<` or a control byte
    /// (or the last offset from which a whole word is no longer available): the plain part of a value.
    @inline(__always)
    private static func skipPlainBytes(_ buffer: UnsafeMutablePointer<UInt8>, from start: Int, to limit: Int, quote: UInt8) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = UInt64(quote) &* ones
        let ampersands = UInt64(UInt8(ascii: "&")) &* ones
        let angles = UInt64(UInt8(ascii: "<")) &* ones
        @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let raw = UnsafeRawPointer(buffer)
        var i = start
        while i + 8 <= limit {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let special = hasZeroByte(w ^ quotes) || hasZeroByte(w ^ ampersands) || hasZeroByte(w ^ angles)
                || (w &- 0x20 &* ones) & ~w & highs != 0
            if special { break }
            i += 8
        }
        return i
    }

    // MARK: Entities

    private mutating func growAttributes() {
        let grown = UnsafeMutablePointer<XMLAttribute>.allocate(capacity: attributeCapacity * 2)
        grown.moveInitialize(from: attributes, count: attributeCount)
        attributes.deallocate()
        attributes = grown
        storage.attributes = grown
        attributeCapacity *= 2
    }

    private mutating func decodeAttributeValues() throws {
        decodedCount = 0
        for k in 0 ..< attributeCount where attributes[k].needsDecoding {
            let a = attributes[k]
            ensureDecodedCapacity(decodedCount + 3 * a.valueLength)
            let start = decodedCount
            var i = a.valueStart
            let end = a.valueStart + a.valueLength
            while i < end {
                let b = buffer[i]
                if b == UInt8(ascii: "&") {
                    let (scalar, next) = try reference(at: i, end: end, excerptFrom: tagStart)
                    appendUTF8(scalar)
                    i = next
                } else if b >= 0x80, let encoding = singleByteEncoding {
                    appendUTF8(encoding.scalar(for: b))
                    i += 1
                } else if b == 0x0D {
                    appendDecoded(0x20)
                    i += (i + 1 < end && buffer[i + 1] == 0x0A) ? 2 : 1
                } else {
                    appendDecoded(b == 0x0A || b == 0x09 ? 0x20 : b)
                    i += 1
                }
            }
            attributes[k].decodedStart = start
            attributes[k].valueLength = decodedCount - start
        }
    }

    /// Decodes the `&…;` reference at `start`: its character and the offset after the `;`.
    private func reference(at start: Int, end: Int, excerptFrom: Int) throws -> (Unicode.Scalar, Int) {
        var semicolon = start + 1
        while semicolon < end, semicolon - start <= 12, buffer[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
        guard semicolon < end, buffer[semicolon] == UInt8(ascii: ";") else {
            throw error(.malformedXML, "an unterminated entity reference", at: start, excerptFrom: excerptFrom)
        }
        let body = UnsafeRawBufferPointer(start: buffer + start + 1, count: semicolon - start - 1)
        if body.count >= 2, body[0] == UInt8(ascii: "#") {
            guard let scalar = characterReference(body) else {
                throw error(.malformedXML, "an invalid character reference", at: start, excerptFrom: excerptFrom)
            }
            return (scalar, semicolon + 1)
        }
        let replacement: Unicode.Scalar
        switch String(decoding: body, as: UTF8.self) {
        case "amp": replacement = "&"
        case "lt": replacement = "<"
        case "gt": replacement = ">"
        case "quot": replacement = "\""
        case "apos": replacement = "'"
        default:
            throw error(.malformedXML, "an unknown entity", at: start, excerptFrom: excerptFrom)
        }
        return (replacement, semicolon + 1)
    }

    private func characterReference(_ body: UnsafeRawBufferPointer) -> Unicode.Scalar? {
        var value: UInt32 = 0
        let hex = body[1] | 0x20 == UInt8(ascii: "x")
        let digits = body[(hex ? 2 : 1)...]
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        for b in digits {
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = UInt32(b - 48)
            case UInt8(ascii: "a") ... UInt8(ascii: "f") where hex: digit = UInt32(b - 87)
            case UInt8(ascii: "A") ... UInt8(ascii: "F") where hex: digit = UInt32(b - 55)
            default: return nil
            }
            value = value * (hex ? 16 : 10) + digit
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return scalar
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        for unit in UTF8.encode(scalar)! { appendDecoded(unit) }
    }

    @inline(__always)
    private mutating func appendDecoded(_ b: UInt8) {
        decoded[decodedCount] = b
        decodedCount += 1
    }

    private mutating func ensureDecodedCapacity(_ needed: Int) {
        guard needed > decodedCapacity else { return }
        (decoded, decodedCapacity) = Self.grown(decoded, capacity: decodedCapacity, count: decodedCount, toHold: needed)
        storage.decoded = decoded
    }
}

/// Owns the raw buffers of an ``XMLScanner`` (a struct, so its hot paths avoid class access checks).
final class XMLScannerStorage {
    var buffer: UnsafeMutablePointer<UInt8>
    var decoded: UnsafeMutablePointer<UInt8>
    var text: UnsafeMutablePointer<UInt8>
    var attributes: UnsafeMutablePointer<XMLScanner.XMLAttribute>

    init(buffer: UnsafeMutablePointer<UInt8>, decoded: UnsafeMutablePointer<UInt8>, text: UnsafeMutablePointer<UInt8>,
         attributes: UnsafeMutablePointer<XMLScanner.XMLAttribute>) {
        self.buffer = buffer
        self.decoded = decoded
        self.text = text
        self.attributes = attributes
    }

    deinit {
        buffer.deallocate()
        decoded.deallocate()
        text.deallocate()
        attributes.deallocate()
    }
}
