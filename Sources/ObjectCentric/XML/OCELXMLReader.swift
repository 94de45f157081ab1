import EventLog
import Foundation

/// Reads OCEL 2.0 XML and OCEL 1.0 XML (told apart per element: 2.0 carries ids as XML attributes,
/// 1.0 as `<string key="id" value="…"/>` children) with EventLog's streaming byte-level `XMLScanner`,
/// collecting element text (OCEL 2.0 keeps attribute values there) and checking UTF-8 as it goes.
///
/// Elements are handled as they stream by, so a file is never held in memory whole; relations are
/// resolved when the document ends, so events may refer to objects listed after them (OCEL 1.0 lists
/// events first).
struct OCELXMLReader {
    /// The elements the reader tells apart; everything else is `other`.
    private enum Element: UInt8 {
        case log, objectTypes, objectType, eventTypes, eventType, attributes, attribute
        case objects, object, events, event, relationship, global, list, other
    }

    private enum Current { case none, event(Int32), object(Int32), skipped }

    private var scanner: XMLScanner
    private var builder: ObjectCentricLogBuilder
    private let fileName: String?
    private var sawLog = false
    private var isVersion1 = false
    /// The open elements, the current one last.
    private var elements: [Element] = []
    /// Whether the current tag is an open start tag (the scanner's open path then includes it).
    private var tagIsOpen = false
    private var eventPositions: [(Int, Int)] = []
    private var objectPositions: [(Int, Int)] = []

    // Type declarations in progress.
    private var declaring: ObjectCentricLog.TypeDeclaration?
    private var declaringEvent = false

    // The current event or object and its attribute value in progress (2.0).
    private var current: Current = .none
    private var inValueAttribute = false
    private var pendingAttribute: (key: Int32, type: OCELAttributeType, time: Int64)?

    // OCEL 1.0: fields collected before the event or object can start.
    private var v1ID: String?, v1Type: String?, v1Time: String?
    private var v1Position = (0, 0)
    private var v1OMap: [String] = []
    private var v1Values: [(key: String, element: String, value: String)] = []
    private var v1List: String?

    private init(source: ByteSource, fileName: String?, options: OCELImportOptions) {
        scanner = XMLScanner(source: source, fileName: fileName, collectsText: true, validatesUTF8: true)
        builder = ObjectCentricLogBuilder(options: options)
        self.fileName = fileName
    }

    /// Reads OCEL XML held in memory.
    static func read(_ data: Data, fileName: String?, options: OCELImportOptions) throws -> ObjectCentricImport {
        var reader = OCELXMLReader(source: MemoryByteSource([UInt8](data)), fileName: fileName, options: options)
        return try reader.read()
    }

    /// Reads an OCEL XML file, streaming it in chunks.
    static func read(path: String, fileName: String?, options: OCELImportOptions) throws -> ObjectCentricImport {
        let source: FileByteSource
        do { source = try FileByteSource(path: path) } catch {
            throw ObjectCentricError(.ioError, "cannot read the file", location: .init(file: fileName))
        }
        var reader = OCELXMLReader(source: source, fileName: fileName, options: options)
        return try reader.read()
    }

    private mutating func read() throws -> ObjectCentricImport {
        do {
            try readElements()
        } catch let error as EventLogError {
            throw Self.translate(error, fileName: fileName)
        }
        guard sawLog else {
            throw ObjectCentricError(.notOCEL, "the root element is not <log>", location: .init(file: fileName, line: 1, column: 1))
        }
        builder.provenance.append("read \(isVersion1 ? "OCEL 1.0" : "OCEL 2.0") XML\(fileName.map { " from \($0)" } ?? "")")
        let (events, objects, file, v1) = (eventPositions, objectPositions, fileName, isVersion1)
        let log = try builder.build { site in
            func at(_ p: (Int, Int), _ path: String) -> ObjectCentricError.Location { .init(file: file, line: p.0, column: p.1, path: path) }
            switch site {
            case .event(let i): return at(events[i], "/log/events/event[\(i + 1)]")
            case .eventRelation(let i, let k): return at(events[i], "/log/events/event[\(i + 1)]/\(v1 ? "list[@key='omap']" : "objects")/*[\(k + 1)]")
            case .object(let i): return at(objects[i], "/log/objects/object[\(i + 1)]")
            case .objectRelation(let i, let k): return at(objects[i], "/log/objects/object[\(i + 1)]/objects/relationship[\(k + 1)]")
            case .o2oRow: return .init(file: file)
            }
        }
        return ObjectCentricImport(log: log, issues: builder.issues)
    }

    /// The scanner's errors (well-formedness, encoding, reading) as ObjectCentric errors.
    private static func translate(_ error: EventLogError, fileName: String?) -> ObjectCentricError {
        let code: ObjectCentricError.Code
        switch error.code {
        case .emptyFile: code = .emptyFile
        case .unsupportedFormat: code = .unsupportedFormat
        case .ioError, .fileNotFound: code = .ioError
        default: code = .malformedXML
        }
        return ObjectCentricError(code, error.message, location: .init(file: fileName, line: error.location.line, column: error.location.column),
                                  excerpt: error.excerpt)
    }

    private mutating func readElements() throws {
        while true {
            switch try scanner.next() {
            case .startTag:
                let element = Self.element(scanner.name)
                elements.append(element)
                tagIsOpen = !scanner.isSelfClosing
                try start(element)
                if scanner.isSelfClosing {
                    try end(element, text: UnsafeRawBufferPointer(start: nil, count: 0))
                    elements.removeLast()
                }
            case .endTag:
                tagIsOpen = false
                try end(elements.last ?? .other, text: scanner.text)
                elements.removeLast()
            case .endOfDocument:
                return
            }
        }
    }

    private static func element(_ name: UnsafeRawBufferPointer) -> Element {
        func equals(_ text: StaticString) -> Bool {
            name.count == text.utf8CodeUnitCount && memcmp(name.baseAddress!, text.utf8Start, name.count) == 0
        }
        switch name.count {
        case 3: return equals("log") ? .log : .other
        case 4: return equals("list") ? .list : .other
        case 5: return equals("event") ? .event : .other
        case 6: return equals("events") ? .events : equals("object") ? .object : equals("global") ? .global : .other
        case 7: return equals("objects") ? .objects : .other
        case 9: return equals("attribute") ? .attribute : .other
        case 10: return equals("attributes") ? .attributes : equals("event-type") ? .eventType : .other
        case 11: return equals("event-types") ? .eventTypes : equals("object-type") ? .objectType : .other
        case 12: return equals("object-types") ? .objectTypes : equals("relationship") ? .relationship : .other
        default: return .other
        }
    }

    // MARK: Locations and attributes

    /// The location of the current tag with its element path.
    private mutating func here() -> ObjectCentricError.Location {
        let (line, column) = scanner.tagLocation()
        let path = tagIsOpen ? scanner.openElementPath : scanner.openElementPath + "/" + scanner.nameText
        return .init(file: fileName, line: line, column: column, path: path)
    }

    /// The value of the current tag's XML attribute `name`, if present.
    private func attribute(_ name: StaticString) -> UnsafeRawBufferPointer? {
        scanner.attributeIndex(name).map { scanner.attributeValue($0) }
    }

    private func string(_ name: StaticString) -> String? {
        attribute(name).map { String(decoding: $0, as: UTF8.self) }
    }

    private mutating func missing(_ what: String) -> ObjectCentricError {
        ObjectCentricError(.missingField, "<\(scanner.nameText)> needs '\(what)'", location: here())
    }

    // MARK: Elements

    private mutating func start(_ element: Element) throws {
        let depth = elements.count
        if depth == 1 {
            guard element == .log else { throw ObjectCentricError(.notOCEL, "the root element is not <log>", location: here()) }
            sawLog = true
            return
        }
        switch (elements[depth - 2], element) {
        case (.objectTypes, .objectType), (.eventTypes, .eventType):
            guard let typeName = string("name") else { throw missing("name") }
            declaring = .init(name: typeName)
            declaringEvent = element == .eventType
        case (.attributes, .attribute) where declaring != nil:
            guard let attributeName = string("name"), let typeName = string("type") else { throw missing("name' and 'type") }
            guard let type = OCELAttributeType(declared: typeName) else {
                throw ObjectCentricError(.unknownAttributeType, "unknown attribute type", location: here(), excerpt: typeName)
            }
            declaring!.attributes.append(.init(name: attributeName, type: type))
        case (.objects, .object) where depth == 3:
            if attribute("id") != nil { try startObject() } else { startVersion1() }
        case (.events, .event) where depth == 3:
            if attribute("id") != nil { try startEvent() } else { startVersion1() }
        case (.attributes, .attribute):
            try startValueAttribute()
        case (.log, .global):
            isVersion1 = true
        case (.objects, .relationship):
            try addRelationship()
        default:
            if isVersion1 { try version1Element(element) }
        }
    }

    private mutating func end(_ element: Element, text: UnsafeRawBufferPointer) throws {
        switch element {
        case .objectType, .eventType:
            guard let declaration = declaring else { return }
            declaring = nil
            let location = here()
            if declaringEvent { try builder.declareEventType(declaration, at: location) } else { try builder.declareObjectType(declaration, at: location) }
        case .attribute where inValueAttribute:
            inValueAttribute = false
            try finishValueAttribute(text)
        case .event where elements.count == 3:
            if isVersion1, case .none = current { try finishVersion1Event() }
            if case .event = current { builder.endEvent() }
            current = .none
        case .object where elements.count == 3:
            if isVersion1, case .none = current { try finishVersion1Object() }
            if case .object = current { builder.endObject() }
            current = .none
        case .list:
            v1List = nil
        default:
            break
        }
    }

    // MARK: OCEL 2.0

    private mutating func startObject() throws {
        guard let typeName = attribute("type") else { throw missing("type") }
        guard let type = builder.objectType(typeName) else {
            current = .skipped
            return try builder.problem(ObjectCentricError(.unknownObjectType, "object of an undeclared type", location: here(),
                                                          excerpt: String(decoding: typeName, as: UTF8.self)), skipping: "object")
        }
        let (line, column) = scanner.tagLocation()
        let file = fileName
        let kept = try builder.beginObject(id: attribute("id")!, type: type, position: objectPositions.count) {
            .init(file: file, line: line, column: column, path: "/log/objects/object")
        }
        guard kept else { current = .skipped; return }
        objectPositions.append((line, column))
        current = .object(type)
    }

    private mutating func startEvent() throws {
        guard let typeName = attribute("type"), let time = attribute("time") else { throw missing("type' and 'time") }
        current = .skipped
        guard let micros = OCELTime.parse(time) else {
            return try builder.problem(ObjectCentricError(.invalidTimestamp, "invalid event time", location: here(),
                                                          excerpt: String(decoding: time, as: UTF8.self)), skipping: "event")
        }
        guard let type = builder.eventType(typeName) else {
            return try builder.problem(ObjectCentricError(.unknownEventType, "event of an undeclared type", location: here(),
                                                          excerpt: String(decoding: typeName, as: UTF8.self)), skipping: "event")
        }
        let (line, column) = scanner.tagLocation()
        let file = fileName
        let kept = try builder.beginEvent(id: attribute("id")!, type: type, time: micros, position: eventPositions.count) {
            .init(file: file, line: line, column: column, path: "/log/events/event")
        }
        guard kept else { return }
        eventPositions.append((line, column))
        current = .event(type)
    }

    private mutating func addRelationship() throws {
        guard let target = attribute("object-id") else { throw missing("object-id") }
        let qualifier = attribute("qualifier") ?? UnsafeRawBufferPointer(start: nil, count: 0)
        switch current {
        case .event: builder.appendE2O(object: target, qualifier: qualifier)
        case .object: builder.appendO2O(target: target, qualifier: qualifier)
        default: break
        }
    }

    /// `<attribute name=… [time=…]>`: resolves the name against the current type (and the time of an
    /// object attribute) now; the value is its text, read at the end tag.
    private mutating func startValueAttribute() throws {
        guard let name = attribute("name") else { throw missing("name") }
        inValueAttribute = true
        pendingAttribute = nil
        switch current {
        case .event(let type):
            guard let slot = builder.eventAttribute(of: type, name) else {
                return try builder.problem(ObjectCentricError(.undeclaredAttribute, "attribute not declared for the event type", location: here(),
                                                              excerpt: String(decoding: name, as: UTF8.self)), skipping: "attribute")
            }
            pendingAttribute = (slot.key, slot.type, 0)
        case .object(let type):
            guard let slot = builder.objectAttribute(of: type, name) else {
                return try builder.problem(ObjectCentricError(.undeclaredAttribute, "attribute not declared for the object type", location: here(),
                                                              excerpt: String(decoding: name, as: UTF8.self)), skipping: "attribute")
            }
            guard let timeText = attribute("time"), let time = OCELTime.parse(timeText) else {
                return try builder.problem(ObjectCentricError(.invalidTimestamp, "an object attribute needs a valid 'time'", location: here(),
                                                              excerpt: string("time")), skipping: "attribute")
            }
            pendingAttribute = (slot.key, slot.type, time)
        default:
            break
        }
    }

    private mutating func finishValueAttribute(_ text: UnsafeRawBufferPointer) throws {
        guard let slot = pendingAttribute else { return }
        pendingAttribute = nil
        guard let value = OCELValue.parse(text, as: slot.type) else {
            return try builder.problem(ObjectCentricError(.invalidAttributeValue, "value is not a valid \(slot.type.rawValue)", location: here(),
                                                          excerpt: String(decoding: text, as: UTF8.self)), skipping: "attribute")
        }
        switch current {
        case .event: builder.appendEventAttribute(key: slot.key, value: value)
        case .object: builder.appendObjectAttribute(key: slot.key, time: slot.time, value: value, isInitial: false)
        default: break
        }
    }

    // MARK: OCEL 1.0

    private mutating func startVersion1() {
        isVersion1 = true
        current = .none
        (v1ID, v1Type, v1Time, v1List) = (nil, nil, nil, nil)
        v1OMap = []
        v1Values = []
        v1Position = scanner.tagLocation()
    }

    /// Collects `<string|date|int|float|boolean key=… value=…/>` children of a 1.0 event or object.
    private mutating func version1Element(_ element: Element) throws {
        let depth = elements.count
        let section = elements[1]
        guard depth >= 4, section == .events || section == .objects else {
            if depth == 4, section == .global, scanner.nameText == "string", string("key") == "object-type", let typeName = attribute("value"),
               builder.objectType(typeName) == nil {
                let location = here()
                try builder.declareObjectType(.init(name: String(decoding: typeName, as: UTF8.self)), at: location)
            }
            return
        }
        let key = string("key") ?? ""
        if element == .list {
            v1List = key
            return
        }
        guard let value = string("value") else { return }
        switch (v1List, key) {
        case (nil, "id"): v1ID = value
        case (nil, "type"): v1Type = value
        case (nil, "activity"): v1Type = value
        case (nil, "timestamp"): v1Time = value
        case ("omap", _): v1OMap.append(value)
        case ("vmap", _), ("ovmap", _): v1Values.append((key, scanner.nameText, value))
        default: break
        }
    }

    private func v1Location() -> ObjectCentricError.Location {
        .init(file: fileName, line: v1Position.0, column: v1Position.1, path: elements.count >= 2 && elements[1] == .objects ? "/log/objects/object" : "/log/events/event")
    }

    private mutating func finishVersion1Event() throws {
        guard let id = v1ID, let activity = v1Type, let timeText = v1Time else { throw missing("id', 'activity' and 'timestamp") }
        let location = v1Location()
        guard let time = OCELTime.parse(timeText) else {
            return try builder.problem(ObjectCentricError(.invalidTimestamp, "invalid event time", location: location, excerpt: timeText), skipping: "event")
        }
        if builder.eventType(activity) == nil { try builder.declareEventType(.init(name: activity), at: location) }
        let type = builder.eventType(activity)!
        var idBytes = id
        guard try idBytes.withUTF8({ try builder.beginEvent(id: UnsafeRawBufferPointer($0), type: type, time: time, position: eventPositions.count) { location } }) else { return }
        eventPositions.append(v1Position)
        for (key, element, text) in v1Values {
            var k = key
            var slot = k.withUTF8 { builder.eventAttribute(of: type, UnsafeRawBufferPointer($0)) }
            if slot == nil {
                let declared = Self.type(ofXESElement: element)
                slot = (builder.extendEventType(type, with: .init(name: key, type: declared)), declared)
            }
            guard let slot, let value = OCELValue.parse(text, as: slot.type) else {
                try builder.problem(ObjectCentricError(.invalidAttributeValue, "value does not match the attribute's type", location: location, excerpt: text), skipping: "attribute")
                continue
            }
            builder.appendEventAttribute(key: slot.key, value: value)
        }
        var seen = Set<String>()
        for object in v1OMap where seen.insert(object).inserted {
            var o = object
            o.withUTF8 { builder.appendE2O(object: UnsafeRawBufferPointer($0), qualifier: UnsafeRawBufferPointer(start: nil, count: 0)) }
        }
        builder.endEvent()
    }

    private mutating func finishVersion1Object() throws {
        guard let id = v1ID, let typeName = v1Type else { throw missing("id' and 'type") }
        let location = v1Location()
        if builder.objectType(typeName) == nil { try builder.declareObjectType(.init(name: typeName), at: location) }
        let type = builder.objectType(typeName)!
        var idBytes = id
        guard try idBytes.withUTF8({ try builder.beginObject(id: UnsafeRawBufferPointer($0), type: type, position: objectPositions.count) { location } }) else { return }
        objectPositions.append(v1Position)
        for (key, element, text) in v1Values {
            var k = key
            var slot = k.withUTF8 { builder.objectAttribute(of: type, UnsafeRawBufferPointer($0)) }
            if slot == nil {
                let declared = Self.type(ofXESElement: element)
                slot = (builder.extendObjectType(type, with: .init(name: key, type: declared)), declared)
            }
            guard let slot, let value = OCELValue.parse(text, as: slot.type) else {
                try builder.problem(ObjectCentricError(.invalidAttributeValue, "value does not match the attribute's type", location: location, excerpt: text), skipping: "attribute")
                continue
            }
            builder.appendObjectAttribute(key: slot.key, time: 0, value: value, isInitial: true)
        }
        builder.endObject()
    }

    private static func type(ofXESElement name: String) -> OCELAttributeType {
        switch name {
        case "int": .integer
        case "float": .float
        case "boolean": .boolean
        case "date": .time
        default: .string
        }
    }
}
