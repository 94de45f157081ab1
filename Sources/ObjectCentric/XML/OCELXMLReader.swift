import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads OCEL 2.0 XML and OCEL 1.0 XML (told apart per element: 2.0 carries ids as XML attributes,
/// 1.0 as `<string key="id" value="…"/>` children) with Foundation's streaming SAX parser.
///
/// Elements are handled as they stream by; relations are resolved when the document ends, so events may
/// refer to objects listed after them (OCEL 1.0 lists events first).
enum OCELXMLReader {
    static func read(_ data: Data, fileName: String?, options: OCELImportOptions) throws -> ObjectCentricImport {
        // Foundation's parser traps on names that are not UTF-8; reject such input with its position first.
        if let bad = data.withUnsafeBytes({ firstInvalidUTF8($0) }) {
            let prefix = data.prefix(bad)
            let line = prefix.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw ObjectCentricError(.malformedXML, "the input is not valid UTF-8", location: .init(file: fileName, line: line))
        }
        let parser = XMLParser(data: data)
        let handler = OCELXMLHandler(fileName: fileName, options: options)
        parser.delegate = handler
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if let error = handler.failure { throw error }
        guard ok else {
            let line = parser.lineNumber, column = parser.columnNumber
            throw ObjectCentricError(.malformedXML, "the XML is not well-formed (\(parser.parserError.map { ($0 as NSError).code }.map { "parser code \($0)" } ?? "unknown"))",
                                     location: .init(file: fileName, line: line > 0 ? line : nil, column: column > 0 ? column : nil))
        }
        guard handler.sawLog else {
            throw ObjectCentricError(.notOCEL, "the root element is not <log>", location: .init(file: fileName, line: 1, column: 1))
        }
        return try handler.finish()
    }
}

extension OCELXMLReader {
    /// The offset of the first byte that does not belong to a valid UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            switch b {
            case 0xC2 ... 0xDF: length = 2
            case 0xE0 ... 0xEF: length = 3
            case 0xF0 ... 0xF4: length = 4
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1 ..< length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if length == 3, b == 0xE0, bytes[i + 1] < 0xA0 { return i }
            if length == 3, b == 0xED, bytes[i + 1] >= 0xA0 { return i }
            if length == 4, b == 0xF0, bytes[i + 1] < 0x90 { return i }
            if length == 4, b == 0xF4, bytes[i + 1] >= 0x90 { return i }
            i += length
        }
        return nil
    }
}

/// The SAX state machine behind ``OCELXMLReader``.
private final class OCELXMLHandler: NSObject, XMLParserDelegate {
    let fileName: String?
    var builder: ObjectCentricLogBuilder
    var failure: ObjectCentricError?
    var sawLog = false
    private var isVersion1 = false
    private var path: [String] = []
    private var eventPositions: [(Int, Int)] = []
    private var objectPositions: [(Int, Int)] = []
    private weak var parser: XMLParser?

    // Type declarations in progress.
    private var declaring: ObjectCentricLog.TypeDeclaration?
    private var declaringEvent = false

    // The current event or object (2.0 and 1.0).
    private enum Current { case none, event(Int32), object(Int32), skipped }
    private var current: Current = .none
    private var attributeName: String?
    private var attributeTime: String?
    private var text = ""
    // OCEL 1.0: fields collected before the event or object can start.
    private var v1ID: String?, v1Type: String?, v1Time: String?
    private var v1OMap: [String] = []
    private var v1Values: [(String, String, String)] = []
    private var v1List: String?

    init(fileName: String?, options: OCELImportOptions) {
        self.fileName = fileName
        builder = ObjectCentricLogBuilder(options: options)
    }

    func finish() throws -> ObjectCentricImport {
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

    private func here(_ extra: String? = nil) -> ObjectCentricError.Location {
        .init(file: fileName, line: parser?.lineNumber, column: parser?.columnNumber, path: extra ?? ("/" + path.joined(separator: "/")))
    }

    private func fail(_ error: ObjectCentricError) {
        if failure == nil { failure = error }
        parser?.abortParsing()
    }

    private func attempt(_ body: () throws -> Void) {
        do { try body() } catch let error as ObjectCentricError { fail(error) } catch { fail(ObjectCentricError(.malformedXML, "\(error)", location: here())) }
    }

    // MARK: SAX

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        self.parser = parser
        guard failure == nil else { return }
        let parent = path.last
        path.append(name)
        if path.count == 1 {
            guard name == "log" else { return fail(ObjectCentricError(.notOCEL, "the root element is not <log>", location: here())) }
            sawLog = true
            return
        }
        attempt {
            switch (parent, name) {
            case ("object-types", "object-type"), ("event-types", "event-type"):
                guard let typeName = attributes["name"] else { throw missing("name") }
                declaring = .init(name: typeName)
                declaringEvent = name == "event-type"
            case ("attributes", "attribute") where declaring != nil:
                guard let attributeName = attributes["name"], let typeName = attributes["type"] else { throw missing("name' and 'type") }
                guard let type = OCELAttributeType(declared: typeName) else {
                    throw ObjectCentricError(.unknownAttributeType, "unknown attribute type", location: here(), excerpt: typeName)
                }
                declaring!.attributes.append(.init(name: attributeName, type: type))
            case ("objects", "object") where path.count == 3:
                if let id = attributes["id"] { try startObject(id: id, typeName: attributes["type"]) } else { startVersion1() }
            case ("events", "event") where path.count == 3:
                if let id = attributes["id"] { try startEvent(id: id, typeName: attributes["type"], time: attributes["time"]) } else { startVersion1() }
            case ("attributes", "attribute"):
                attributeName = attributes["name"]
                attributeTime = attributes["time"]
                text = ""
                if attributeName == nil { throw missing("name") }
            case ("log", "global"):
                isVersion1 = true
            case ("objects", "relationship"):
                try addRelationship(attributes)
            default:
                if isVersion1 { try version1Element(name, attributes) }
            }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if attributeName != nil { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        self.parser = parser
        guard failure == nil else { return }
        defer { path.removeLast() }
        attempt {
            switch name {
            case "object-type", "event-type":
                guard let declaration = declaring else { return }
                declaring = nil
                if declaringEvent { try builder.declareEventType(declaration, at: here()) } else { try builder.declareObjectType(declaration, at: here()) }
            case "attribute" where attributeName != nil:
                try finishAttribute()
            case "event" where path.count == 3:
                if isVersion1, case .none = current { try finishVersion1Event() }
                if case .event = current { builder.endEvent() }
                current = .none
            case "object" where path.count == 3:
                if isVersion1, case .none = current { try finishVersion1Object() }
                if case .object = current { builder.endObject() }
                current = .none
            case "list":
                v1List = nil
            default: break
            }
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard failure == nil else { return }
        failure = ObjectCentricError(.malformedXML, "the XML is not well-formed (parser code \((parseError as NSError).code))",
                                     location: .init(file: fileName, line: parser.lineNumber, column: parser.columnNumber))
    }

    // MARK: OCEL 2.0

    private func missing(_ what: String) -> ObjectCentricError {
        ObjectCentricError(.missingField, "<\(path.last ?? "")> needs '\(what)'", location: here())
    }

    private func startObject(id: String, typeName: String?) throws {
        guard let typeName else { throw missing("type") }
        guard let type = builder.objectType(typeName) else {
            current = .skipped
            return try builder.problem(ObjectCentricError(.unknownObjectType, "object of an undeclared type", location: here(), excerpt: typeName), skipping: "object")
        }
        var id = id
        let location = here()
        let kept = try id.withUTF8 { try builder.beginObject(id: UnsafeRawBufferPointer($0), type: type, position: objectPositions.count) { location } }
        guard kept else { current = .skipped; return }
        objectPositions.append((location.line ?? 0, location.column ?? 0))
        current = .object(type)
    }

    private func startEvent(id: String, typeName: String?, time: String?) throws {
        guard let typeName, let time else { throw missing("type' and 'time") }
        current = .skipped
        guard let micros = OCELTime.parse(time) else {
            return try builder.problem(ObjectCentricError(.invalidTimestamp, "invalid event time", location: here(), excerpt: time), skipping: "event")
        }
        guard let type = builder.eventType(typeName) else {
            return try builder.problem(ObjectCentricError(.unknownEventType, "event of an undeclared type", location: here(), excerpt: typeName), skipping: "event")
        }
        var id = id
        let location = here()
        let kept = try id.withUTF8 { try builder.beginEvent(id: UnsafeRawBufferPointer($0), type: type, time: micros, position: eventPositions.count) { location } }
        guard kept else { return }
        eventPositions.append((location.line ?? 0, location.column ?? 0))
        current = .event(type)
    }

    private func addRelationship(_ attributes: [String: String]) throws {
        guard let target = attributes["object-id"] else { throw missing("object-id") }
        var id = target
        var qualifier = attributes["qualifier"] ?? ""
        id.withUTF8 { i in
            qualifier.withUTF8 { q in
                switch current {
                case .event: builder.appendE2O(object: UnsafeRawBufferPointer(i), qualifier: UnsafeRawBufferPointer(q))
                case .object: builder.appendO2O(target: UnsafeRawBufferPointer(i), qualifier: UnsafeRawBufferPointer(q))
                default: break
                }
            }
        }
    }

    private func finishAttribute() throws {
        guard let name = attributeName else { return }
        attributeName = nil
        var nameBytes = name
        switch current {
        case .event(let type):
            guard let slot = nameBytes.withUTF8({ builder.eventAttribute(of: type, UnsafeRawBufferPointer($0)) }) else {
                return try builder.problem(ObjectCentricError(.undeclaredAttribute, "attribute not declared for the event type", location: here(), excerpt: name), skipping: "attribute")
            }
            guard let value = OCELValue.parse(text, as: slot.type) else {
                return try builder.problem(ObjectCentricError(.invalidAttributeValue, "value is not a valid \(slot.type.rawValue)", location: here(), excerpt: text), skipping: "attribute")
            }
            builder.appendEventAttribute(key: slot.key, value: value)
        case .object(let type):
            guard let slot = nameBytes.withUTF8({ builder.objectAttribute(of: type, UnsafeRawBufferPointer($0)) }) else {
                return try builder.problem(ObjectCentricError(.undeclaredAttribute, "attribute not declared for the object type", location: here(), excerpt: name), skipping: "attribute")
            }
            guard let timeText = attributeTime, let time = OCELTime.parse(timeText) else {
                return try builder.problem(ObjectCentricError(.invalidTimestamp, "an object attribute needs a valid 'time'", location: here(), excerpt: attributeTime), skipping: "attribute")
            }
            guard let value = OCELValue.parse(text, as: slot.type) else {
                return try builder.problem(ObjectCentricError(.invalidAttributeValue, "value is not a valid \(slot.type.rawValue)", location: here(), excerpt: text), skipping: "attribute")
            }
            builder.appendObjectAttribute(key: slot.key, time: time, value: value, isInitial: false)
        default: break
        }
    }

    // MARK: OCEL 1.0

    private func startVersion1() {
        isVersion1 = true
        current = .none
        (v1ID, v1Type, v1Time, v1List) = (nil, nil, nil, nil)
        v1OMap = []
        v1Values = []
    }

    /// Collects `<string|date|int|float|boolean key=… value=…/>` children of a 1.0 event or object.
    private func version1Element(_ name: String, _ attributes: [String: String]) throws {
        guard path.count >= 4, path[1] == "events" || path[1] == "objects" else {
            if path.count == 4, path[1] == "global", name == "string", attributes["key"] == "object-type", let typeName = attributes["value"],
               builder.objectType(typeName) == nil {
                try builder.declareObjectType(.init(name: typeName), at: here())
            }
            return
        }
        let key = attributes["key"] ?? ""
        if name == "list" {
            v1List = key
            return
        }
        guard let value = attributes["value"] else { return }
        switch (v1List, key) {
        case (nil, "id"): v1ID = value
        case (nil, "type"): v1Type = value
        case (nil, "activity"): v1Type = value
        case (nil, "timestamp"): v1Time = value
        case ("omap", _): v1OMap.append(value)
        case ("vmap", _), ("ovmap", _): v1Values.append((key, name, value))
        default: break
        }
    }

    private func finishVersion1Event() throws {
        guard let id = v1ID, let activity = v1Type, let timeText = v1Time else { throw missing("id', 'activity' and 'timestamp") }
        guard let time = OCELTime.parse(timeText) else {
            return try builder.problem(ObjectCentricError(.invalidTimestamp, "invalid event time", location: here(), excerpt: timeText), skipping: "event")
        }
        if builder.eventType(activity) == nil { try builder.declareEventType(.init(name: activity), at: here()) }
        let type = builder.eventType(activity)!
        var idBytes = id
        let location = here()
        guard try idBytes.withUTF8({ try builder.beginEvent(id: UnsafeRawBufferPointer($0), type: type, time: time, position: eventPositions.count) { location } }) else { return }
        eventPositions.append((location.line ?? 0, location.column ?? 0))
        for (key, xesType, text) in v1Values {
            var k = key
            var slot = k.withUTF8 { builder.eventAttribute(of: type, UnsafeRawBufferPointer($0)) }
            if slot == nil {
                let declared = Self.type(ofXESElement: xesType)
                slot = (builder.extendEventType(type, with: .init(name: key, type: declared)), declared)
            }
            guard let slot, let value = OCELValue.parse(text, as: slot.type) else {
                try builder.problem(ObjectCentricError(.invalidAttributeValue, "value does not match the attribute's type", location: here(), excerpt: text), skipping: "attribute")
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

    private func finishVersion1Object() throws {
        guard let id = v1ID, let typeName = v1Type else { throw missing("id' and 'type") }
        if builder.objectType(typeName) == nil { try builder.declareObjectType(.init(name: typeName), at: here()) }
        let type = builder.objectType(typeName)!
        var idBytes = id
        let location = here()
        guard try idBytes.withUTF8({ try builder.beginObject(id: UnsafeRawBufferPointer($0), type: type, position: objectPositions.count) { location } }) else { return }
        objectPositions.append((location.line ?? 0, location.column ?? 0))
        for (key, xesType, text) in v1Values {
            var k = key
            var slot = k.withUTF8 { builder.objectAttribute(of: type, UnsafeRawBufferPointer($0)) }
            if slot == nil {
                let declared = Self.type(ofXESElement: xesType)
                slot = (builder.extendObjectType(type, with: .init(name: key, type: declared)), declared)
            }
            guard let slot, let value = OCELValue.parse(text, as: slot.type) else {
                try builder.problem(ObjectCentricError(.invalidAttributeValue, "value does not match the attribute's type", location: here(), excerpt: text), skipping: "attribute")
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
