import EventLog

/// Logs the store conformance suite imports: small, but with everything a store must keep — typed and
/// nested attributes, events without timestamp or resource, equal timestamps, an empty trace, a header and
/// provenance.
public enum StoreConformanceLogs {
    /// A log exercising every attribute type.
    public static func varied(seed: Int = 0) -> EventLog {
        var builder = EventLogBuilder()
        builder.header.extensions = [XESExtension(name: "Concept", prefix: "concept", uri: "http://www.xes-standard.org/concept.xesext")]
        builder.header.classifiers = [Classifier(name: "Activity", keys: ["concept:name"])]
        builder.header.attributes = [Attribute(key: "source", value: .string("conformance-\(seed)"))]
        builder.provenance = Provenance(source: .init(location: "builder", format: "builder", options: ["seed": "\(seed)"]))
        let base: Int64 = 1_700_000_000_000_000 + Int64(seed) * 1_000_000
        for c in 0..<5 {
            builder.startTrace(attributes: [
                Attribute(key: "concept:name", value: .string("case-\(seed)-\(c)")),
                Attribute(key: "amount", value: .float(Double(c) * 10.25 + 0.1)),
                Attribute(key: "priority", value: .int(Int64(c - 2))),
            ])
            builder.addEvent(activity: "register", timestamp: Timestamp(microseconds: base + Int64(c) * 7, utcOffsetMinutes: 60),
                             resource: "ann", attributes: [Attribute(key: "urgent", value: .boolean(c % 2 == 0))])
            builder.addEvent(activity: c % 2 == 0 ? "check" : "review", timestamp: Timestamp(microseconds: base + 3_600_000_000 + Int64(c)))
            if c == 3 {
                builder.addEvent(attributes: [
                    Attribute(key: "concept:name", value: .string("note")),
                    Attribute(key: "tags", value: .list([Attribute(key: "tag", value: .string("a")), Attribute(key: "tag", value: .id("b"))]),
                              children: [Attribute(key: "meta", value: .int(1))]),
                ])
            }
            builder.addEvent(activity: "decide", timestamp: Timestamp(microseconds: base + 3_600_000_000 + Int64(c)), resource: "bob",
                             lifecycle: "complete")
        }
        builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("empty-\(seed)"))])
        return builder.build()
    }

    /// Rows of `table` as attribute lists ordered by key (so column order and storage layout do not matter).
    public static func rows(_ table: AttributeTable) -> [[Attribute]] {
        (0..<table.rowCount).map { table.attributes(atRow: $0).sorted { $0.key < $1.key } }
    }
}
