/// Reads OCEL 2.0 JSON and OCEL 1.0 JSON (told apart by their top-level members) into a builder.
///
/// OCEL 2.0 members are read as they come when their dependencies came first (types before objects and
/// events, the order PM4Py and rust4pm write), in one pass; a member that comes too early is skipped and
/// read when the top level ends, so files that list events before types still read correctly. Within an
/// event, attributes and relations are read in place once its id, type and time are known, and revisited
/// only when they come before them.
struct OCELJSONReader {
    private var scanner: JSONScanner
    private var builder: ObjectCentricLogBuilder
    /// Byte offset of each event and object kept, for error locations found after reading.
    private var eventOffsets: [Int] = []
    private var objectOffsets: [Int] = []
    private var isVersion1 = false

    init(bytes: UnsafeRawBufferPointer, fileName: String?, options: OCELImportOptions) {
        scanner = JSONScanner(bytes: bytes, fileName: fileName)
        builder = ObjectCentricLogBuilder(options: options)
    }

    /// Reads the whole document.
    mutating func read() throws -> ObjectCentricImport {
        guard scanner.peek() != nil else {
            throw ObjectCentricError(.emptyFile, "the input holds no JSON", location: .init(file: scanner.fileName))
        }
        var members: [String: Int] = [:]
        /// OCEL 2.0 members already read in place.
        var read: Set<String> = []
        guard scanner.peek() == UInt8(ascii: "{") else { throw notOCEL("the top-level value is not an object") }
        try scanner.beginObject()
        while let key = try scanner.nextKey() {
            let name = String(decoding: key, as: UTF8.self)
            scanner.skipWhitespace()
            members[name] = scanner.position
            let typesRead = read.contains("objectTypes") && read.contains("eventTypes")
            switch name {
            case "objectTypes", "eventTypes", "objects" where typesRead, "events" where typesRead:
                guard members["ocel:events"] == nil, members["ocel:objects"] == nil else { fallthrough }
                guard read.insert(name).inserted else { throw notOCEL("the member '\(name)' appears twice") }
                try readVersion2Member(name)
                scanner.valueRead()
            default:
                try scanner.skipValue()
            }
        }
        try scanner.expectEnd()
        if members["ocel:events"] != nil || members["ocel:objects"] != nil {
            guard read.isEmpty else { throw notOCEL("the document mixes OCEL 1.0 and OCEL 2.0 members") }
            isVersion1 = true
            try readVersion1(members)
        } else if members["events"] != nil || members["objects"] != nil || members["objectTypes"] != nil {
            try readVersion2(members, skipping: read)
        } else {
            throw notOCEL("neither OCEL 2.0 ('objectTypes', 'eventTypes', 'objects', 'events') nor OCEL 1.0 ('ocel:events', 'ocel:objects') members found")
        }
        builder.provenance.append("read \(isVersion1 ? "OCEL 1.0" : "OCEL 2.0") JSON\(scanner.fileName.map { " from \($0)" } ?? "")")
        let (scanner, events, objects, version1) = (scanner, eventOffsets, objectOffsets, isVersion1)
        let log = try builder.build { site in Self.locate(site, scanner, events, objects, version1) }
        return ObjectCentricImport(log: log, issues: builder.issues)
    }

    private func notOCEL(_ message: String) -> ObjectCentricError {
        ObjectCentricError(.notOCEL, message, location: scanner.location(at: 0))
    }

    private static func locate(_ site: ObjectCentricLogBuilder.Site, _ scanner: JSONScanner, _ eventOffsets: [Int],
                               _ objectOffsets: [Int], _ isVersion1: Bool) -> ObjectCentricError.Location {
        let events = isVersion1 ? "/ocel:events" : "/events"
        let objects = isVersion1 ? "/ocel:objects" : "/objects"
        let relations = isVersion1 ? "ocel:omap" : "relationships"
        switch site {
        case .event(let i): return scanner.location(at: eventOffsets[i], path: "\(events)/\(i)")
        case .eventRelation(let i, let k): return scanner.location(at: eventOffsets[i], path: "\(events)/\(i)/\(relations)/\(k)")
        case .object(let i): return scanner.location(at: objectOffsets[i], path: "\(objects)/\(i)")
        case .objectRelation(let i, let k): return scanner.location(at: objectOffsets[i], path: "\(objects)/\(i)/relationships/\(k)")
        case .o2oRow(let i): return scanner.location(at: i)
        }
    }

    private func here(_ path: String) -> ObjectCentricError.Location {
        scanner.location(at: scanner.position, path: path)
    }

    // MARK: OCEL 2.0

    /// Reads the OCEL 2.0 members not yet read in place, in dependency order.
    private mutating func readVersion2(_ members: [String: Int], skipping read: Set<String>) throws {
        for member in ["objectTypes", "eventTypes", "objects", "events"] where !read.contains(member) {
            guard let offset = members[member] else {
                if member == "objects" || member == "events" { throw notOCEL("the '\(member)' member is missing") }
                continue
            }
            scanner.seek(to: offset)
            try readVersion2Member(member)
        }
    }

    /// Reads the array of OCEL 2.0 member `member` at the scanner's position.
    private mutating func readVersion2Member(_ member: String) throws {
        try scanner.beginArray()
        var index = 0
        while try scanner.nextElement() {
            switch member {
            case "objectTypes": try readTypeDeclaration(isEvent: false, path: "/objectTypes/\(index)")
            case "eventTypes": try readTypeDeclaration(isEvent: true, path: "/eventTypes/\(index)")
            case "objects": try readObject(index)
            default: try readEvent(index)
            }
            index += 1
        }
    }

    private mutating func readTypeDeclaration(isEvent: Bool, path: String) throws {
        let start = scanner.position
        try scanner.beginObject()
        var name: String?
        var attributes: [ObjectCentricLog.AttributeDeclaration] = []
        while let key = try scanner.nextKey() {
            if Self.equals(key, "name") {
                name = try readText("\(path)/name")
            } else if Self.equals(key, "attributes") {
                try scanner.beginArray()
                var i = 0
                while try scanner.nextElement() {
                    try scanner.beginObject()
                    var attributeName: String?, typeName: String?
                    let at = scanner.position
                    while let k = try scanner.nextKey() {
                        if Self.equals(k, "name") { attributeName = try readText("\(path)/attributes/\(i)/name") }
                        else if Self.equals(k, "type") { typeName = try readText("\(path)/attributes/\(i)/type") }
                        else { try scanner.skipValue() }
                    }
                    guard let attributeName, let typeName else {
                        throw ObjectCentricError(.missingField, "an attribute declaration needs 'name' and 'type'",
                                                 location: scanner.location(at: at, path: "\(path)/attributes/\(i)"))
                    }
                    guard let type = OCELAttributeType(declared: typeName) else {
                        throw ObjectCentricError(.unknownAttributeType, "unknown attribute type",
                                                 location: scanner.location(at: at, path: "\(path)/attributes/\(i)/type"), excerpt: typeName)
                    }
                    attributes.append(.init(name: attributeName, type: type))
                    i += 1
                }
            } else {
                try scanner.skipValue()
            }
        }
        guard let name else {
            throw ObjectCentricError(.missingField, "a type declaration needs a 'name'", location: scanner.location(at: start, path: path))
        }
        let declaration = ObjectCentricLog.TypeDeclaration(name: name, attributes: attributes)
        if isEvent {
            try builder.declareEventType(declaration, at: scanner.location(at: start, path: path))
        } else {
            try builder.declareObjectType(declaration, at: scanner.location(at: start, path: path))
        }
    }

    private mutating func readText(_ path: String) throws -> String {
        guard scanner.peek() == UInt8(ascii: "\"") else {
            throw ObjectCentricError(.notOCEL, "expected a string", location: here(path))
        }
        return String(decoding: try scanner.readString(), as: UTF8.self)
    }

    private mutating func readObject(_ index: Int) throws {
        scanner.skipWhitespace()
        let start = scanner.position
        let path = "/objects/\(index)"
        try scanner.beginObject()
        var idRange: Range<Int>?, typeRange: Range<Int>?
        var attributesAt: Int?, relationshipsAt: Int?
        while let key = try scanner.nextKey() {
            if Self.equals(key, "id") { idRange = try rawStringRange("\(path)/id") }
            else if Self.equals(key, "type") { typeRange = try rawStringRange("\(path)/type") }
            else if Self.equals(key, "attributes") { attributesAt = try markValue() }
            else if Self.equals(key, "relationships") { relationshipsAt = try markValue() }
            else { try scanner.skipValue() }
        }
        let end = scanner.position
        defer {
            scanner.seek(to: end)
            scanner.valueRead()
        }
        guard let idRange, let typeRange else {
            throw ObjectCentricError(.missingField, "an object needs 'id' and 'type'", location: scanner.location(at: start, path: path))
        }
        let id = try decoded(idRange), typeName = try decoded(typeRange)
        guard let type = Self.withBytes(typeName, { builder.objectType($0) }) else {
            try builder.problem(ObjectCentricError(.unknownObjectType, "object of an undeclared type",
                                                   location: scanner.location(at: start, path: "\(path)/type"), excerpt: typeName), skipping: "object")
            return
        }
        guard try Self.withBytes(id, { idBytes in
            try builder.beginObject(id: idBytes, type: type, position: objectOffsets.count) { [scanner] in scanner.location(at: start, path: path) }
        }) else { return }
        objectOffsets.append(start)
        if let attributesAt {
            scanner.seek(to: attributesAt)
            try readObjectAttributes(type: type, path: "\(path)/attributes")
        }
        if let relationshipsAt {
            scanner.seek(to: relationshipsAt)
            try readRelationships(path: "\(path)/relationships") { builder, id, qualifier in builder.appendO2O(target: id, qualifier: qualifier) }
        }
        builder.endObject()
    }

    private mutating func readObjectAttributes(type: Int32, path: String) throws {
        if scanner.peek() == UInt8(ascii: "n") { _ = try scanner.readScalar("null"); return }
        try scanner.beginArray()
        var i = 0
        while try scanner.nextElement() {
            let start = scanner.position
            try scanner.beginObject()
            var name: String?, time: Int64?, timeText: String?
            var value: JSONScanner.Scalar?
            var valueBytes: [UInt8] = []
            while let key = try scanner.nextKey() {
                if Self.equals(key, "name") { name = try readText("\(path)/\(i)/name") }
                else if Self.equals(key, "time") {
                    let scalar = try scanner.readScalar("a time")
                    if case .string(let b) = scalar { time = OCELTime.parse(b); timeText = String(decoding: b, as: UTF8.self) }
                    else if case .number(let b) = scalar { timeText = String(decoding: b, as: UTF8.self) }
                } else if Self.equals(key, "value") {
                    let scalar = try scanner.readScalar("a value")
                    switch scalar {
                    case .string(let b), .number(let b): valueBytes = Array(b)
                    default: break
                    }
                    value = scalar
                } else { try scanner.skipValue() }
            }
            defer { i += 1 }
            guard let name, let value else {
                throw ObjectCentricError(.missingField, "an object attribute needs 'name' and 'value'", location: scanner.location(at: start, path: "\(path)/\(i)"))
            }
            guard let time else {
                try builder.problem(ObjectCentricError(.invalidTimestamp, timeText == nil ? "an object attribute needs a 'time'" : "invalid time",
                                                       location: scanner.location(at: start, path: "\(path)/\(i)/time"), excerpt: timeText), skipping: "attribute")
                continue
            }
            guard let slot = Self.withBytes(name, { builder.objectAttribute(of: type, $0) }) else {
                try builder.problem(ObjectCentricError(.undeclaredAttribute, "attribute not declared for the object type",
                                                       location: scanner.location(at: start, path: "\(path)/\(i)/name"), excerpt: name), skipping: "attribute")
                continue
            }
            guard let typed = Self.typed(value, valueBytes, as: slot.type) else {
                if case .null = value { continue }
                try builder.problem(ObjectCentricError(.invalidAttributeValue, "value is not a valid \(slot.type.rawValue)",
                                                       location: scanner.location(at: start, path: "\(path)/\(i)/value"),
                                                       excerpt: String(decoding: valueBytes, as: UTF8.self)), skipping: "attribute")
                continue
            }
            builder.appendObjectAttribute(key: slot.key, time: time, value: typed, isInitial: false)
        }
    }

    /// Where an event stands while its members are read: not begun (id, type or time still missing), begun
    /// with its type, or skipped (lenient mode).
    private enum EventState {
        case pending
        case begun(Int32)
        case skipped
    }

    private mutating func readEvent(_ index: Int) throws {
        scanner.skipWhitespace()
        let start = scanner.position
        func path(_ suffix: String = "") -> String { "/events/\(index)" + suffix }
        try scanner.beginObject()
        var idRange: Range<Int>?, typeRange: Range<Int>?, timeRange: Range<Int>?
        var time: Int64?
        var attributesAt: Int?, relationshipsAt: Int?
        var state = EventState.pending
        while let key = try scanner.nextKey() {
            if Self.equals(key, "id") { idRange = try rawStringRange(path("/id")) }
            else if Self.equals(key, "type") { typeRange = try rawStringRange(path("/type")) }
            else if Self.equals(key, "time") {
                scanner.skipWhitespace()
                let at = scanner.position
                if case .string(let b) = try scanner.readScalar("a time") { time = OCELTime.parse(b) }
                timeRange = at ..< scanner.position
            } else if Self.equals(key, "attributes") || Self.equals(key, "relationships") {
                let isAttributes = Self.equals(key, "attributes")
                if case .pending = state, let idRange, let typeRange, let timeRange {
                    state = try beginEvent(index, start: start, id: idRange, type: typeRange, time: time, timeRange: timeRange)
                }
                switch state {
                case .begun(let type): try readEventMember(isAttributes: isAttributes, type: type, index: index)
                case .skipped: try scanner.skipValue()
                case .pending: if isAttributes { attributesAt = try markValue() } else { relationshipsAt = try markValue() }
                }
            } else { try scanner.skipValue() }
        }
        let end = scanner.position
        defer {
            scanner.seek(to: end)
            scanner.valueRead()
        }
        if case .pending = state {
            guard let idRange, let typeRange, let timeRange else {
                throw ObjectCentricError(.missingField, "an event needs 'id', 'type' and 'time'", location: scanner.location(at: start, path: path()))
            }
            state = try beginEvent(index, start: start, id: idRange, type: typeRange, time: time, timeRange: timeRange)
        }
        guard case .begun(let type) = state else { return }
        if let attributesAt {
            scanner.seek(to: attributesAt)
            try readEventMember(isAttributes: true, type: type, index: index)
        }
        if let relationshipsAt {
            scanner.seek(to: relationshipsAt)
            try readEventMember(isAttributes: false, type: type, index: index)
        }
        builder.endEvent()
    }

    /// Begins the event at `start` once its id, type and time are known; `.skipped` when lenient mode
    /// skips it (bad time, undeclared type, duplicate id).
    private mutating func beginEvent(_ index: Int, start: Int, id idRange: Range<Int>, type typeRange: Range<Int>,
                                     time: Int64?, timeRange: Range<Int>) throws -> EventState {
        func path(_ suffix: String = "") -> String { "/events/\(index)" + suffix }
        guard let time else {
            let excerpt = String(decoding: UnsafeRawBufferPointer(rebasing: scanner.bytes[timeRange]), as: UTF8.self)
            try builder.problem(ObjectCentricError(.invalidTimestamp, "invalid event time", location: scanner.location(at: start, path: path("/time")),
                                                   excerpt: excerpt), skipping: "event")
            return .skipped
        }
        var buffer: [UInt8] = []
        let typeBytes = try text(typeRange, &buffer)
        guard let type = builder.eventType(typeBytes) else {
            try builder.problem(ObjectCentricError(.unknownEventType, "event of an undeclared type",
                                                   location: scanner.location(at: start, path: path("/type")),
                                                   excerpt: String(decoding: typeBytes, as: UTF8.self)), skipping: "event")
            return .skipped
        }
        let idBytes = try text(idRange, &buffer)
        let scannerCopy = scanner
        guard try builder.beginEvent(id: idBytes, type: type, time: time, position: eventOffsets.count, at: {
            scannerCopy.location(at: start, path: path())
        }) else { return .skipped }
        eventOffsets.append(start)
        return .begun(type)
    }

    /// Reads an event's `attributes` or `relationships` array at the scanner's position.
    private mutating func readEventMember(isAttributes: Bool, type: Int32, index: Int) throws {
        if isAttributes {
            try readEventAttributes(type: type, index: index)
        } else {
            try readRelationships(path: "/events/\(index)/relationships") { builder, id, qualifier in builder.appendE2O(object: id, qualifier: qualifier) }
        }
    }

    private mutating func readEventAttributes(type: Int32, index: Int) throws {
        func path(_ i: Int) -> String { "/events/\(index)/attributes/\(i)" }
        if scanner.peek() == UInt8(ascii: "n") { _ = try scanner.readScalar("null"); return }
        try scanner.beginArray()
        var i = 0
        var nameBuffer: [UInt8] = []
        while try scanner.nextElement() {
            scanner.skipWhitespace()
            let start = scanner.position
            try scanner.beginObject()
            var nameRange: Range<Int>?, valueRange: Range<Int>?
            while let key = try scanner.nextKey() {
                if Self.equals(key, "name") { nameRange = try rawStringRange(path(i) + "/name") }
                else if Self.equals(key, "value") { valueRange = try scalarRange("a value") }
                else { try scanner.skipValue() }
            }
            defer { i += 1 }
            guard let nameRange, let valueRange else {
                throw ObjectCentricError(.missingField, "an event attribute needs 'name' and 'value'", location: scanner.location(at: start, path: path(i)))
            }
            let name = try text(nameRange, &nameBuffer)
            try addEventAttribute(type: type, name: name, value: try scalar(at: valueRange), at: start, path: path(i))
        }
    }

    private mutating func addEventAttribute(type: Int32, name: UnsafeRawBufferPointer, value: JSONScanner.Scalar,
                                            at start: Int, path: @autoclosure () -> String) throws {
        if case .null = value { return }
        var slot = builder.eventAttribute(of: type, name)
        if slot == nil, isVersion1 {
            let declared = Self.inferredType(value)
            slot = (builder.extendEventType(type, with: .init(name: String(decoding: name, as: UTF8.self), type: declared)), declared)
        }
        guard let slot else {
            return try builder.problem(ObjectCentricError(.undeclaredAttribute, "attribute not declared for the event type",
                                                          location: scanner.location(at: start, path: path()),
                                                          excerpt: String(decoding: name, as: UTF8.self)), skipping: "attribute")
        }
        guard let typed = Self.typed(value, as: slot.type) else {
            return try builder.problem(ObjectCentricError(.invalidAttributeValue, "value is not a valid \(slot.type.rawValue)",
                                                          location: scanner.location(at: start, path: path()), excerpt: Self.excerpt(value)), skipping: "attribute")
        }
        builder.appendEventAttribute(key: slot.key, value: typed)
    }

    private mutating func readRelationships(path: @autoclosure () -> String,
                                            add: (inout ObjectCentricLogBuilder, UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws {
        if scanner.peek() == UInt8(ascii: "n") { _ = try scanner.readScalar("null"); return }
        try scanner.beginArray()
        var i = 0
        var idBuffer: [UInt8] = [], qualifierBuffer: [UInt8] = []
        while try scanner.nextElement() {
            scanner.skipWhitespace()
            let start = scanner.position
            try scanner.beginObject()
            var idRange: Range<Int>?, qualifierRange: Range<Int>?
            while let key = try scanner.nextKey() {
                if Self.equals(key, "objectId") {
                    idRange = try rawStringRange(path() + "/\(i)/objectId")
                } else if Self.equals(key, "qualifier") {
                    if scanner.peek() == UInt8(ascii: "\"") { qualifierRange = try rawStringRange("") } else { try scanner.skipValue() }
                } else { try scanner.skipValue() }
            }
            guard let idRange else {
                throw ObjectCentricError(.missingField, "a relationship needs an 'objectId'", location: scanner.location(at: start, path: path() + "/\(i)"))
            }
            let id = try text(idRange, &idBuffer)
            let qualifier = try qualifierRange.map { try text($0, &qualifierBuffer) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
            add(&builder, id, qualifier)
            i += 1
        }
    }

    // MARK: OCEL 1.0

    private mutating func readVersion1(_ members: [String: Int]) throws {
        if let global = members["ocel:global-log"] {
            scanner.seek(to: global)
            try scanner.beginObject()
            while let key = try scanner.nextKey() {
                guard Self.equals(key, "ocel:object-types") else { try scanner.skipValue(); continue }
                try scanner.beginArray()
                while try scanner.nextElement() {
                    let at = scanner.position
                    let name = try readText("/ocel:global-log/ocel:object-types")
                    if builder.objectType(name) == nil {
                        try builder.declareObjectType(.init(name: name), at: scanner.location(at: at))
                    }
                }
            }
        }
        if let objects = members["ocel:objects"] {
            scanner.seek(to: objects)
            try scanner.beginObject()
            while let key = try scanner.nextKey() {
                let id = Array(key)
                try readVersion1Object(id: id)
            }
        }
        guard let events = members["ocel:events"] else { throw notOCEL("the 'ocel:events' member is missing") }
        scanner.seek(to: events)
        try scanner.beginObject()
        while let key = try scanner.nextKey() {
            let id = Array(key)
            try readVersion1Event(id: id)
        }
    }

    private mutating func readVersion1Object(id: [UInt8]) throws {
        scanner.skipWhitespace()
        let start = scanner.position
        let path = "/ocel:objects/" + Self.pointerEscaped(String(decoding: id, as: UTF8.self))
        try scanner.beginObject()
        var typeName: String?, ovmapAt: Int?
        while let key = try scanner.nextKey() {
            if Self.equals(key, "ocel:type") { typeName = try readText("\(path)/ocel:type") }
            else if Self.equals(key, "ocel:ovmap") { ovmapAt = try markValue() }
            else { try scanner.skipValue() }
        }
        let end = scanner.position
        defer {
            scanner.seek(to: end)
            scanner.valueRead()
        }
        guard let typeName else {
            throw ObjectCentricError(.missingField, "an object needs 'ocel:type'", location: scanner.location(at: start, path: path))
        }
        if builder.objectType(typeName) == nil {
            try builder.declareObjectType(.init(name: typeName), at: scanner.location(at: start, path: path))
        }
        let type = builder.objectType(typeName)!
        guard try id.withUnsafeBytes({ idBytes in
            try builder.beginObject(id: idBytes, type: type, position: objectOffsets.count) { [scanner] in scanner.location(at: start, path: path) }
        }) else { return }
        objectOffsets.append(start)
        if let ovmapAt {
            scanner.seek(to: ovmapAt)
            try scanner.beginObject()
            while let key = try scanner.nextKey() {
                let name = String(decoding: key, as: UTF8.self)
                let value = try scanner.readScalar("an attribute value")
                var valueBytes: [UInt8] = []
                switch value {
                case .string(let b), .number(let b): valueBytes = Array(b)
                case .null: continue
                default: break
                }
                var slot = Self.withBytes(name) { builder.objectAttribute(of: type, $0) }
                if slot == nil {
                    let declared = Self.inferredType(value, valueBytes)
                    slot = (builder.extendObjectType(type, with: .init(name: name, type: declared)), declared)
                }
                guard let slot, let typed = Self.typed(value, valueBytes, as: slot.type) else {
                    try builder.problem(ObjectCentricError(.invalidAttributeValue, "value does not match the attribute's earlier values",
                                                           location: scanner.location(at: start, path: "\(path)/ocel:ovmap/\(Self.pointerEscaped(name))"),
                                                           excerpt: String(decoding: valueBytes, as: UTF8.self)), skipping: "attribute")
                    continue
                }
                builder.appendObjectAttribute(key: slot.key, time: 0, value: typed, isInitial: true)
            }
        }
        builder.endObject()
    }

    private mutating func readVersion1Event(id: [UInt8]) throws {
        scanner.skipWhitespace()
        let start = scanner.position
        let path = "/ocel:events/" + Self.pointerEscaped(String(decoding: id, as: UTF8.self))
        try scanner.beginObject()
        var activity: String?, time: Int64?, timeText: String?
        var omapAt: Int?, vmapAt: Int?
        while let key = try scanner.nextKey() {
            if Self.equals(key, "ocel:activity") { activity = try readText("\(path)/ocel:activity") }
            else if Self.equals(key, "ocel:timestamp") {
                timeText = try readText("\(path)/ocel:timestamp")
                time = OCELTime.parse(timeText!)
            } else if Self.equals(key, "ocel:omap") { omapAt = try markValue() }
            else if Self.equals(key, "ocel:vmap") { vmapAt = try markValue() }
            else { try scanner.skipValue() }
        }
        let end = scanner.position
        defer {
            scanner.seek(to: end)
            scanner.valueRead()
        }
        guard let activity, timeText != nil else {
            throw ObjectCentricError(.missingField, "an event needs 'ocel:activity' and 'ocel:timestamp'", location: scanner.location(at: start, path: path))
        }
        guard let time else {
            try builder.problem(ObjectCentricError(.invalidTimestamp, "invalid event time", location: scanner.location(at: start, path: "\(path)/ocel:timestamp"),
                                                   excerpt: timeText), skipping: "event")
            return
        }
        if builder.eventType(activity) == nil {
            try builder.declareEventType(.init(name: activity), at: scanner.location(at: start, path: path))
        }
        let type = builder.eventType(activity)!
        guard try id.withUnsafeBytes({ idBytes in
            try builder.beginEvent(id: idBytes, type: type, time: time, position: eventOffsets.count) { [scanner] in scanner.location(at: start, path: path) }
        }) else { return }
        eventOffsets.append(start)
        if let vmapAt {
            scanner.seek(to: vmapAt)
            try scanner.beginObject()
            while let key = try scanner.nextKey() {
                let name = String(decoding: key, as: UTF8.self)
                let value = try scanner.readScalar("an attribute value")
                try Self.withBytes(name) { nameBytes in
                    try addEventAttribute(type: type, name: nameBytes, value: value, at: start, path: "\(path)/ocel:vmap/\(Self.pointerEscaped(name))")
                }
            }
        }
        if let omapAt {
            scanner.seek(to: omapAt)
            try scanner.beginArray()
            var seen = Set<[UInt8]>()
            while try scanner.nextElement() {
                guard scanner.peek() == UInt8(ascii: "\"") else { throw ObjectCentricError(.notOCEL, "expected an object id", location: here("\(path)/ocel:omap")) }
                let object = Array(try scanner.readString())
                // OCEL 1.0's omap is a set: a repeated id is one relation.
                guard seen.insert(object).inserted else { continue }
                object.withUnsafeBytes { o in builder.appendE2O(object: o, qualifier: UnsafeRawBufferPointer(start: nil, count: 0)) }
            }
        }
        builder.endEvent()
    }

    // MARK: Helpers

    /// Skips the current value, returning where it starts.
    private mutating func markValue() throws -> Int {
        scanner.skipWhitespace()
        let at = scanner.position
        try scanner.skipValue()
        return at
    }

    /// The byte range of a string value including its quotes, for decoding later.
    private mutating func rawStringRange(_ path: @autoclosure () -> String) throws -> Range<Int> {
        guard scanner.peek() == UInt8(ascii: "\"") else { throw ObjectCentricError(.notOCEL, "expected a string", location: here(path())) }
        let start = scanner.position
        _ = try scanner.readString()
        return start ..< scanner.position
    }

    /// The content of the string whose quoted form spans `range`: a slice of the input when it has no
    /// escapes, else decoded into `buffer`. Valid until `buffer` or the input changes.
    private mutating func text(_ range: Range<Int>, _ buffer: inout [UInt8]) throws -> UnsafeRawBufferPointer {
        let inner = UnsafeRawBufferPointer(rebasing: scanner.bytes[range.lowerBound + 1 ..< range.upperBound - 1])
        guard inner.contains(UInt8(ascii: "\\")) else { return inner }
        let back = scanner.mark
        scanner.seek(to: range.lowerBound)
        buffer = Array(try scanner.readString())
        scanner.restore(back)
        return buffer.withUnsafeBytes { $0 }
    }

    /// The scalar whose token spans `range`, read again (its bytes valid until the next scanner call).
    private mutating func scalar(at range: Range<Int>) throws -> JSONScanner.Scalar {
        let back = scanner.mark
        scanner.seek(to: range.lowerBound)
        let value = try scanner.readScalar("a value")
        scanner.restore(back)
        return value
    }

    /// Reads a scalar, returning the range of its token.
    private mutating func scalarRange(_ what: String) throws -> Range<Int> {
        scanner.skipWhitespace()
        let start = scanner.position
        _ = try scanner.readScalar(what)
        return start ..< scanner.position
    }

    /// The string whose quoted form spans `range`.
    private mutating func decoded(_ range: Range<Int>) throws -> String {
        let back = scanner.mark
        scanner.seek(to: range.lowerBound)
        let text = String(decoding: try scanner.readString(), as: UTF8.self)
        scanner.restore(back)
        return text
    }

    private static func withBytes<T>(_ text: String, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        var text = text
        return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    private static func equals(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        bytes.count == word.utf8CodeUnitCount && memcmp(bytes.baseAddress!, word.utf8Start, bytes.count) == 0
    }

    private static func pointerEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// A JSON scalar as a value of the declared type; strings are parsed, numbers and booleans converted.
    static func typed(_ scalar: JSONScanner.Scalar, as type: OCELAttributeType) -> OCELValue? {
        switch scalar {
        case .null: return nil
        case .bool(let b):
            switch type {
            case .boolean: return .boolean(b)
            case .string: return .string(b ? "true" : "false")
            default: return nil
            }
        case .string(let bytes), .number(let bytes):
            return OCELValue.parse(bytes, as: type)
        }
    }

    /// ``typed(_:as:)`` for a scalar whose text was copied into `bytes` (so it outlives later reads).
    static func typed(_ scalar: JSONScanner.Scalar, _ bytes: [UInt8], as type: OCELAttributeType) -> OCELValue? {
        bytes.withUnsafeBytes { b in
            switch scalar {
            case .string: typed(.string(b), as: type)
            case .number: typed(.number(b), as: type)
            default: typed(scalar, as: type)
            }
        }
    }

    /// ``inferredType(_:)`` for a scalar whose text was copied into `bytes`.
    static func inferredType(_ scalar: JSONScanner.Scalar, _ bytes: [UInt8]) -> OCELAttributeType {
        bytes.withUnsafeBytes { b in
            if case .number = scalar { return inferredType(.number(b)) }
            return inferredType(scalar)
        }
    }

    /// The type OCEL 1.0 values imply: JSON numbers are integers or floats, booleans booleans, text strings.
    static func inferredType(_ scalar: JSONScanner.Scalar) -> OCELAttributeType {
        switch scalar {
        case .bool: return .boolean
        case .number(let bytes): return bytes.contains { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") } ? .float : .integer
        default: return .string
        }
    }

    /// A scalar's text for an error excerpt.
    static func excerpt(_ scalar: JSONScanner.Scalar) -> String {
        switch scalar {
        case .string(let b), .number(let b): String(decoding: b, as: UTF8.self)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
