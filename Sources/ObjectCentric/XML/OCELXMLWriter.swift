import Discovery
import TracewiseSupport

/// Writes OCEL 2.0 XML: `<log>` with `<object-types>`, `<event-types>`, `<objects>` and `<events>`, values
/// as element text, times as ISO 8601 in UTC.
struct OCELXMLWriter {
    func string(_ log: ObjectCentricLog) -> String {
        var out = "<?xml version='1.0' encoding='UTF-8'?>\n<log>\n"
        out.reserveCapacity(256 + log.eventCount * 220 + log.objectCount * 160)
        func esc(_ s: String) -> String { XMLEscaping.escape(s) }
        func types(_ tag: String, _ declarations: [ObjectCentricLog.TypeDeclaration]) {
            out += "  <\(tag)s>\n"
            for type in declarations {
                out += "    <\(tag) name=\"\(esc(type.name))\">\n      <attributes>\n"
                for a in type.attributes { out += "        <attribute name=\"\(esc(a.name))\" type=\"\(a.type.rawValue)\"/>\n" }
                out += "      </attributes>\n    </\(tag)>\n"
            }
            out += "  </\(tag)s>\n"
        }
        types("object-type", log.objectTypes)
        types("event-type", log.eventTypes)
        out += "  <objects>\n"
        for o in 0 ..< log.objectCount {
            let type = log.objectTypes[Int(log.objectTypeCodes[o])]
            out += "    <object id=\"\(esc(log.objectIDs[o]))\" type=\"\(esc(type.name))\">\n      <attributes>\n"
            for r in log.attributeRecords(of: o) {
                out += "        <attribute name=\"\(esc(type.attributes[Int(log.objectAttributeKeys[r])].name))\" time=\"\(OCELTime.format(log.objectAttributeTimes[r]))\">"
                out += esc(log.objectAttributeValues[r].text) + "</attribute>\n"
            }
            out += "      </attributes>\n      <objects>\n"
            for r in Int(log.o2oOffsets[o]) ..< Int(log.o2oOffsets[o + 1]) {
                out += "        <relationship object-id=\"\(esc(log.objectIDs[Int(log.o2oTargets[r])]))\" qualifier=\"\(esc(log.qualifiers[Int(log.o2oQualifiers[r])]))\"/>\n"
            }
            out += "      </objects>\n    </object>\n"
        }
        out += "  </objects>\n  <events>\n"
        for e in 0 ..< log.eventCount {
            let type = log.eventTypes[Int(log.eventTypeCodes[e])]
            out += "    <event id=\"\(esc(log.eventIDs[e]))\" type=\"\(esc(type.name))\" time=\"\(OCELTime.format(log.eventTimes[e]))\">\n      <attributes>\n"
            for r in log.attributes(of: e) {
                out += "        <attribute name=\"\(esc(type.attributes[Int(log.eventAttributeKeys[r])].name))\">" + esc(log.eventAttributeValues[r].text) + "</attribute>\n"
            }
            out += "      </attributes>\n      <objects>\n"
            for (o, q) in zip(log.objects(of: e), log.objectQualifiers(of: e)) {
                out += "        <relationship object-id=\"\(esc(log.objectIDs[Int(o)]))\" qualifier=\"\(esc(log.qualifiers[Int(q)]))\"/>\n"
            }
            out += "      </objects>\n    </event>\n"
        }
        out += "  </events>\n</log>\n"
        return out
    }
}
