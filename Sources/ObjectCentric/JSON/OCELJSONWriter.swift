/// Writes OCEL 2.0 JSON: `objectTypes`, `eventTypes`, `objects` (with timed attribute values and O2O
/// relationships) and `events` (with attributes and E2O relationships). Integers, floats and booleans are
/// written as JSON numbers and booleans, times as ISO 8601 strings in UTC.
struct OCELJSONWriter {
    func bytes(_ log: ObjectCentricLog) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + log.eventCount * 160 + log.objectCount * 96)
        func raw(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func string(_ s: String) {
            out.append(UInt8(ascii: "\""))
            for b in s.utf8 {
                switch b {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0 ..< 0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    raw("\\u00")
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 15)])
                default: out.append(b)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        func value(_ v: OCELValue) {
            switch v {
            case .string(let s): string(s)
            case .integer(let i): out.append(contentsOf: String(i).utf8)
            case .float(let d): if d.isFinite { out.append(contentsOf: String(d).utf8) } else { string(String(d)) }
            case .boolean(let b): if b { raw("true") } else { raw("false") }
            case .time(let t): string(OCELTime.format(t))
            }
        }
        func types(_ declarations: [ObjectCentricLog.TypeDeclaration]) {
            out.append(UInt8(ascii: "["))
            for (i, type) in declarations.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                raw("\n    {\"name\":")
                string(type.name)
                raw(",\"attributes\":[")
                for (k, a) in type.attributes.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    raw("{\"name\":")
                    string(a.name)
                    raw(",\"type\":")
                    string(a.type.rawValue)
                    out.append(UInt8(ascii: "}"))
                }
                raw("]}")
            }
            raw("\n  ]")
        }
        func relationships(_ targets: ArraySlice<Int32>, _ qualifiers: ArraySlice<Int32>) {
            raw(",\"relationships\":[")
            for (k, (o, q)) in zip(targets, qualifiers).enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                raw("{\"objectId\":")
                string(log.objectIDs[Int(o)])
                raw(",\"qualifier\":")
                string(log.qualifiers[Int(q)])
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        raw("{\n  \"objectTypes\": ")
        types(log.objectTypes)
        raw(",\n  \"eventTypes\": ")
        types(log.eventTypes)
        raw(",\n  \"objects\": [")
        for o in 0 ..< log.objectCount {
            if o > 0 { out.append(UInt8(ascii: ",")) }
            let type = log.objectTypes[Int(log.objectTypeCodes[o])]
            raw("\n    {\"id\":")
            string(log.objectIDs[o])
            raw(",\"type\":")
            string(type.name)
            raw(",\"attributes\":[")
            for (k, r) in log.attributeRecords(of: o).enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                raw("{\"name\":")
                string(type.attributes[Int(log.objectAttributeKeys[r])].name)
                raw(",\"time\":")
                string(OCELTime.format(log.objectAttributeTimes[r]))
                raw(",\"value\":")
                value(log.objectAttributeValues[r])
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
            let range = Int(log.o2oOffsets[o]) ..< Int(log.o2oOffsets[o + 1])
            relationships(log.o2oTargets[range], log.o2oQualifiers[range])
            out.append(UInt8(ascii: "}"))
        }
        raw("\n  ],\n  \"events\": [")
        for e in 0 ..< log.eventCount {
            if e > 0 { out.append(UInt8(ascii: ",")) }
            let type = log.eventTypes[Int(log.eventTypeCodes[e])]
            raw("\n    {\"id\":")
            string(log.eventIDs[e])
            raw(",\"type\":")
            string(type.name)
            raw(",\"time\":")
            string(OCELTime.format(log.eventTimes[e]))
            raw(",\"attributes\":[")
            for (k, r) in log.attributes(of: e).enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                raw("{\"name\":")
                string(type.attributes[Int(log.eventAttributeKeys[r])].name)
                raw(",\"value\":")
                value(log.eventAttributeValues[r])
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
            relationships(log.objects(of: e), log.objectQualifiers(of: e))
            out.append(UInt8(ascii: "}"))
        }
        raw("\n  ]\n}\n")
        return out
    }
}
