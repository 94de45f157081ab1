/// Turns the tag stream of an ``XMLScanner`` into the columns, case offsets and header of an XES log.
///
/// Scalar attributes written as self-closing elements directly inside a `<trace>` or `<event>` (almost
/// all of them in real logs) take a fast path: key and value bytes go straight into typed columns, with
/// no `String` or ``Attribute`` made per value. Nested attributes, lists and containers are assembled as
/// ``Attribute`` trees and stored exactly.
struct XESParser {
    /// What the parser produced.
    struct Result {
        var caseOffsets: [Int]
        var eventAttributes: AttributeTable
        var traceAttributes: AttributeTable
        var header: LogHeader
        var problems: [ImportProblem]
    }

    private enum Frame {
        case log
        case trace
        case event
        case global(eventScope: Bool)
        case declaration
        case attribute
        case values
        case skipped
    }

    private struct PendingAttribute {
        var key: String
        var type: XESAttributeType
        var value: AttributeValue?
        var children: [Attribute] = []
        var items: [Attribute] = []
        var sawValues = false
    }

    /// Deeper attribute trees are refused: nested values are recursive, and a hostile file must not be able
    /// to exhaust the stack when they are compared or freed.
    static let maximumAttributeNesting = 256

    private var scanner: XMLScanner
    private let lenient: Bool
    private var problems: [ImportProblem] = []
    private var header = LogHeader()
    private var keys = ByteInterner()
    private var events = LevelColumns()
    private var traces = LevelColumns()
    private var caseOffsets: [Int] = [0]
    private var eventCount = 0
    private var traceCount = 0
    private var frames: [Frame] = []
    private var pending: [PendingAttribute] = []

    init(scanner: XMLScanner, lenient: Bool) {
        self.scanner = scanner
        self.lenient = lenient
    }

    /// Parses the whole input.
    /// - Throws: ``EventLogError`` for malformed XML, a non-XES root, broken compression, and (unless
    ///   lenient) the first invalid attribute or unexpected element.
    mutating func parse() throws -> Result {
        while true {
            switch try scanner.next() {
            case .startTag: try handleStartTag()
            case .endTag: try handleEndTag()
            case .endOfDocument: return finish()
            }
        }
    }

    private func finish() -> Result {
        Result(caseOffsets: caseOffsets,
               eventAttributes: events.build(rows: eventCount),
               traceAttributes: traces.build(rows: traceCount),
               header: header, problems: problems)
    }

    // MARK: Tags

    private mutating func handleStartTag() throws {
        let element = XESElement.from(scanner.name)
        let selfClosing = scanner.isSelfClosing
        guard let parent = frames.last else {
            guard element == .log else {
                throw scanner.errorAtTag(.notXES, "the root element is <\(currentName)>, not <log>")
            }
            readLogElement()
            if !selfClosing { frames.append(.log) }
            return
        }
        switch (element, parent) {
        case (_, .skipped):
            if !selfClosing { frames.append(.skipped) }
        case (.attribute(let type), .log), (.attribute(let type), .trace), (.attribute(let type), .event),
             (.attribute(let type), .global), (.attribute(let type), .attribute), (.attribute(let type), .values):
            try readAttribute(type, parent: parent, selfClosing: selfClosing)
        case (.trace, .log):
            traceCount += 1
            if selfClosing { caseOffsets.append(eventCount) } else { frames.append(.trace) }
        case (.event, .trace):
            eventCount += 1
            if !selfClosing { frames.append(.event) }
        case (.extensionDeclaration, .log):
            readExtension()
            if !selfClosing { frames.append(.declaration) }
        case (.classifier, .log):
            try readClassifier(selfClosing: selfClosing)
        case (.global, .log):
            try readGlobal(selfClosing: selfClosing)
        case (.values, .attribute) where pending.last?.type == .list:
            pending[pending.count - 1].sawValues = true
            if !selfClosing { frames.append(.values) }
        case (.unknown, _):
            try skipElement(scanner.errorAtTag(.unknownAttributeType, "unknown element <\(currentName)>"),
                            selfClosing: selfClosing)
        default:
            try skipElement(scanner.errorAtTag(.unexpectedElement, "<\(currentName)> is not allowed here"),
                            selfClosing: selfClosing)
        }
    }

    private mutating func handleEndTag() throws {
        guard let frame = frames.popLast() else { return }
        switch frame {
        case .trace:
            caseOffsets.append(eventCount)
        case .attribute:
            let attribute = finishAttribute(pending.removeLast())
            deliver(attribute)
        default:
            break
        }
    }

    private var currentName: String { String(decoding: scanner.name, as: UTF8.self) }

    /// Reports a problem (throwing unless lenient) and skips the current element with its content.
    private mutating func skipElement(_ error: EventLogError, selfClosing: Bool) throws {
        guard lenient else { throw error }
        problems.append(ImportProblem(error: error, skipped: "<\(currentName)>"))
        if !selfClosing { frames.append(.skipped) }
    }

    // MARK: Attributes

    private mutating func readAttribute(_ type: XESAttributeType, parent: Frame, selfClosing: Bool) throws {
        let keyIndex = scanner.attributeIndex("key")
        if keyIndex == nil, case .event = parent {
            return try skipElement(scanner.errorAtTag(.missingKey, "<\(currentName)> has no 'key'"), selfClosing: selfClosing)
        }
        if keyIndex == nil, case .trace = parent {
            return try skipElement(scanner.errorAtTag(.missingKey, "<\(currentName)> has no 'key'"), selfClosing: selfClosing)
        }
        let valueIndex = scanner.attributeIndex("value")
        if selfClosing, type.isScalar, let keyIndex, let valueIndex {
            switch parent {
            case .event:
                return try readFlatAttribute(type, keyIndex: keyIndex, valueIndex: valueIndex,
                                             row: eventCount - 1, intoEvents: true)
            case .trace:
                return try readFlatAttribute(type, keyIndex: keyIndex, valueIndex: valueIndex,
                                             row: traceCount - 1, intoEvents: false)
            default:
                break
            }
        }
        let key = keyIndex.map { String(decoding: scanner.attributeValue($0), as: UTF8.self) } ?? ""
        var value: AttributeValue?
        if type.isScalar, valueIndex == nil, lenient, type == .string || type == .id {
            let error = scanner.errorAtTag(.invalidAttributeValue, "<\(currentName) key=\"\(key)\"> has no 'value'")
            value = type == .string ? .string("") : .id("")
            problems.append(ImportProblem(error: error, skipped: "\(type) attribute '\(key)'",
                                          keptAs: XESLenientValues.display(value!)))
        } else if type.isScalar {
            guard let valueIndex else {
                return try skipElement(scanner.errorAtTag(.invalidAttributeValue, "<\(currentName) key=\"\(key)\"> has no 'value'"),
                                       selfClosing: selfClosing)
            }
            guard let scalar = try scalarValue(type, valueIndex: valueIndex) else {
                if !selfClosing { frames.append(.skipped) }
                return
            }
            value = scalar
        }
        let attribute = PendingAttribute(key: key, type: type, value: value)
        if selfClosing {
            deliver(finishAttribute(attribute))
        } else if pending.count >= Self.maximumAttributeNesting {
            try skipElement(scanner.errorAtTag(.unexpectedElement, "attributes nested deeper than \(Self.maximumAttributeNesting) levels"),
                            selfClosing: false)
        } else {
            pending.append(attribute)
            frames.append(.attribute)
        }
    }

    /// The fast path: a self-closing scalar attribute of an event or trace goes straight into its column.
    private mutating func readFlatAttribute(_ type: XESAttributeType, keyIndex: Int, valueIndex: Int, row: Int,
                                            intoEvents: Bool) throws {
        let keyID = keys.intern(scanner.attributeValue(keyIndex))
        let bytes = scanner.attributeValue(valueIndex)
        let stored: Bool
        switch type {
        case .string, .id:
            stored = intoEvents
                ? events.appendString(bytes, keyID: keyID, keys: keys, row: row, isID: type == .id)
                : traces.appendString(bytes, keyID: keyID, keys: keys, row: row, isID: type == .id)
        case .date:
            guard let t = XESValueParsing.date(bytes) else {
                return try storeCoerced(type, keyIndex: keyIndex, valueIndex: valueIndex, row: row, intoEvents: intoEvents)
            }
            stored = intoEvents ? events.appendDate(t, keyID: keyID, keys: keys, row: row)
                : traces.appendDate(t, keyID: keyID, keys: keys, row: row)
        case .int:
            guard let v = XESValueParsing.int(bytes) else {
                return try storeCoerced(type, keyIndex: keyIndex, valueIndex: valueIndex, row: row, intoEvents: intoEvents)
            }
            stored = intoEvents ? events.appendInt(v, keyID: keyID, keys: keys, row: row)
                : traces.appendInt(v, keyID: keyID, keys: keys, row: row)
        case .float:
            guard let v = XESValueParsing.float(bytes) else {
                return try storeCoerced(type, keyIndex: keyIndex, valueIndex: valueIndex, row: row, intoEvents: intoEvents)
            }
            stored = intoEvents ? events.appendFloat(v, keyID: keyID, keys: keys, row: row)
                : traces.appendFloat(v, keyID: keyID, keys: keys, row: row)
        case .boolean:
            guard let v = XESValueParsing.boolean(bytes) else {
                return try storeCoerced(type, keyIndex: keyIndex, valueIndex: valueIndex, row: row, intoEvents: intoEvents)
            }
            stored = intoEvents ? events.appendBoolean(v, keyID: keyID, keys: keys, row: row)
                : traces.appendBoolean(v, keyID: keyID, keys: keys, row: row)
        case .list, .container:
            stored = false
        }
        guard !stored, let value = try scalarValue(type, valueIndex: valueIndex) else { return }
        let attribute = Attribute(key: keys.string(keyID), value: value)
        if intoEvents { events.set(attribute, keyID: keyID, keys: keys, row: row) } else {
            traces.set(attribute, keyID: keyID, keys: keys, row: row)
        }
    }

    /// A flat attribute whose value strict mode rejects: stored with its coerced value when lenient mode can
    /// coerce it, skipped otherwise (both reported); thrown in strict mode.
    private mutating func storeCoerced(_ type: XESAttributeType, keyIndex: Int, valueIndex: Int, row: Int,
                                       intoEvents: Bool) throws {
        guard let value = try rejectValue(type, valueIndex: valueIndex) else { return }
        let keyID = keys.intern(scanner.attributeValue(keyIndex))
        let attribute = Attribute(key: keys.string(keyID), value: value)
        if intoEvents { events.set(attribute, keyID: keyID, keys: keys, row: row) } else {
            traces.set(attribute, keyID: keyID, keys: keys, row: row)
        }
    }

    /// The typed value of attribute `valueIndex`, or nil (after reporting) when it is invalid.
    private mutating func scalarValue(_ type: XESAttributeType, valueIndex: Int) throws -> AttributeValue? {
        let bytes = scanner.attributeValue(valueIndex)
        let value: AttributeValue?
        switch type {
        case .string: value = .string(String(decoding: bytes, as: UTF8.self))
        case .id: value = .id(String(decoding: bytes, as: UTF8.self))
        case .date: value = XESValueParsing.date(bytes).map(AttributeValue.date)
        case .int: value = XESValueParsing.int(bytes).map(AttributeValue.int)
        case .float: value = XESValueParsing.float(bytes).map(AttributeValue.float)
        case .boolean: value = XESValueParsing.boolean(bytes).map(AttributeValue.boolean)
        case .list, .container: value = nil
        }
        if value == nil { return try rejectValue(type, valueIndex: valueIndex) }
        return value
    }

    /// Reports a value strict mode rejects: throws in strict mode; in lenient mode returns the coerced value
    /// (see ``XESLenientValues``) or nil when the attribute is skipped, recording either in the report.
    private mutating func rejectValue(_ type: XESAttributeType, valueIndex: Int) throws -> AttributeValue? {
        let bytes = scanner.attributeValue(valueIndex)
        let text = String(decoding: bytes, as: UTF8.self)
        let error = type == .date
            ? scanner.errorAtAttribute(valueIndex, .invalidTimestamp, "unparseable timestamp '\(InputLocation.excerpt(text))'")
            : scanner.errorAtAttribute(valueIndex, .invalidAttributeValue, "invalid \(type) value '\(InputLocation.excerpt(text))'")
        guard lenient else { throw error }
        let coerced: AttributeValue?
        switch type {
        case .int: coerced = XESLenientValues.int(bytes)
        case .float: coerced = XESLenientValues.float(bytes)
        case .boolean: coerced = XESLenientValues.boolean(bytes)
        case .date: coerced = XESLenientValues.date(bytes)
        case .string, .id, .list, .container: coerced = nil
        }
        let what = "\(type) attribute '\(currentKey)'"
        problems.append(ImportProblem(error: error, skipped: what, keptAs: coerced.map(XESLenientValues.display)))
        return coerced
    }

    /// The `key` of the current tag, for reports.
    private var currentKey: String {
        scanner.attributeIndex("key").map { String(decoding: scanner.attributeValue($0), as: UTF8.self) } ?? ""
    }

    private func finishAttribute(_ p: PendingAttribute) -> Attribute {
        switch p.type {
        case .list:
            return p.sawValues ? Attribute(key: p.key, value: .list(p.items), children: p.children)
                : Attribute(key: p.key, value: .list(p.children))
        case .container:
            return Attribute(key: p.key, value: .container(p.children))
        default:
            return Attribute(key: p.key, value: p.value!, children: p.children)
        }
    }

    /// Hands a finished attribute to the element it belongs to.
    private mutating func deliver(_ attribute: Attribute) {
        switch frames.last {
        case .log?:
            header.attributes.append(attribute)
        case .trace?:
            var key = attribute.key
            let keyID = key.withUTF8 { keys.intern(UnsafeRawBufferPointer($0)) }
            traces.set(attribute, keyID: keyID, keys: keys, row: traceCount - 1)
        case .event?:
            var key = attribute.key
            let keyID = key.withUTF8 { keys.intern(UnsafeRawBufferPointer($0)) }
            events.set(attribute, keyID: keyID, keys: keys, row: eventCount - 1)
        case .global(let eventScope)?:
            if eventScope { header.eventGlobals.append(attribute) } else { header.traceGlobals.append(attribute) }
        case .attribute?:
            pending[pending.count - 1].children.append(attribute)
        case .values?:
            pending[pending.count - 1].items.append(attribute)
        case .declaration?, .skipped?, nil:
            break
        }
    }

    // MARK: Header elements

    private mutating func readLogElement() {
        for i in 0 ..< scanner.attributeCount {
            let name = String(decoding: scanner.attributeName(i), as: UTF8.self)
            header.xmlAttributes[name] = String(decoding: scanner.attributeValue(i), as: UTF8.self)
        }
    }

    private func text(_ name: StaticString) -> String? {
        scanner.attributeIndex(name).map { String(decoding: scanner.attributeValue($0), as: UTF8.self) }
    }

    private mutating func readExtension() {
        header.extensions.append(XESExtension(name: text("name") ?? "", prefix: text("prefix") ?? "", uri: text("uri") ?? ""))
    }

    private mutating func readClassifier(selfClosing: Bool) throws {
        guard let keyList = text("keys") else {
            return try skipElement(scanner.errorAtTag(.missingKey, "<classifier> has no 'keys'"), selfClosing: selfClosing)
        }
        header.classifiers.append(Classifier(name: text("name") ?? keyList, keys: Self.classifierKeys(keyList)))
        if !selfClosing { frames.append(.declaration) }
    }

    private mutating func readGlobal(selfClosing: Bool) throws {
        var scope = text("scope") ?? "event"
        if scope != "event" && scope != "trace" {
            let error = scanner.errorAtTag(.invalidAttributeValue, "<global> scope must be 'trace' or 'event', not '\(scope)'")
            guard lenient else { throw error }
            // XES's default scope: the globals are kept as event globals (they are header metadata only).
            problems.append(ImportProblem(error: error, skipped: "<global> scope", keptAs: "scope 'event'"))
            scope = "event"
        }
        if !selfClosing { frames.append(.global(eventScope: scope == "event")) }
    }

    /// Splits a classifier's `keys`: whitespace separates keys; a key in single quotes may contain spaces.
    static func classifierKeys(_ text: String) -> [String] {
        var keys: [String] = []
        var current = ""
        var quoted = false
        for ch in text {
            if ch == "'" {
                if quoted { keys.append(current); current = "" }
                quoted.toggle()
            } else if ch.isWhitespace && !quoted {
                if !current.isEmpty { keys.append(current); current = "" }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { keys.append(current) }
        return keys
    }
}
