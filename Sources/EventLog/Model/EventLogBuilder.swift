/// Builds an ``EventLog`` trace by trace, for programs, connectors, parsers and tests.
///
/// ```swift
/// var builder = EventLogBuilder()
/// builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("case-1"))])
/// builder.addEvent(activity: "register", timestamp: Timestamp(microseconds: 0))
/// builder.addEvent(activity: "approve", timestamp: Timestamp(microseconds: 3_600_000_000), resource: "ann")
/// let log = builder.build()
/// ```
public struct EventLogBuilder: Sendable {
    private var eventColumns: [AttributeColumnBuilder] = []
    private var eventColumnIndex: [String: Int] = [:]
    private var traceColumns: [AttributeColumnBuilder] = []
    private var traceColumnIndex: [String: Int] = [:]
    private var caseOffsets: [Int] = [0]
    private var eventCount = 0
    private var traceOpen = false
    /// Log-level metadata to attach to the built log.
    public var header = LogHeader()
    /// The provenance to attach to the built log.
    public var provenance = Provenance()
    /// Keys that appeared twice in one event or trace; the first value was kept.
    public private(set) var duplicateKeys: [String] = []

    public init() {}

    /// The number of traces started so far.
    public var caseCount: Int { caseOffsets.count - 1 + (traceOpen ? 1 : 0) }

    /// Starts a new trace with the given trace attributes; the previous trace, if any, ends.
    public mutating func startTrace(attributes: [Attribute] = []) {
        endTrace()
        let row = caseOffsets.count - 1
        for attribute in attributes where !Self.set(attribute, row: row, columns: &traceColumns, index: &traceColumnIndex) {
            duplicateKeys.append(attribute.key)
        }
        traceOpen = true
    }

    /// Adds an event with arbitrary attributes to the current trace (starting one when none is open).
    public mutating func addEvent(attributes: [Attribute]) {
        if !traceOpen { startTrace() }
        for attribute in attributes where !Self.set(attribute, row: eventCount, columns: &eventColumns, index: &eventColumnIndex) {
            duplicateKeys.append(attribute.key)
        }
        eventCount += 1
    }

    /// Adds an event with the standard XES keys.
    public mutating func addEvent(activity: String, timestamp: Timestamp? = nil, resource: String? = nil,
                                  lifecycle: String? = nil, attributes: [Attribute] = []) {
        var all = [Attribute(key: "concept:name", value: .string(activity))]
        if let timestamp { all.append(Attribute(key: "time:timestamp", value: .date(timestamp))) }
        if let resource { all.append(Attribute(key: "org:resource", value: .string(resource))) }
        if let lifecycle { all.append(Attribute(key: "lifecycle:transition", value: .string(lifecycle))) }
        addEvent(attributes: all + attributes)
    }

    /// Ends the current trace, if one is open.
    public mutating func endTrace() {
        guard traceOpen else { return }
        caseOffsets.append(eventCount)
        traceOpen = false
    }

    /// The finished log.
    public func build(classifier: Classifier = .conceptName) -> EventLog {
        var copy = self
        copy.endTrace()
        let cases = copy.caseOffsets.count - 1
        let events = AttributeTable(rowCount: copy.eventCount, columns: copy.eventColumns.map { $0.build(rows: copy.eventCount) })
        let traces = AttributeTable(rowCount: cases, columns: copy.traceColumns.map { $0.build(rows: cases) })
        return EventLog(caseOffsets: copy.caseOffsets, eventAttributes: events, traceAttributes: traces,
                        header: copy.header, classifier: classifier, provenance: copy.provenance)
    }

    private static func set(_ attribute: Attribute, row: Int, columns: inout [AttributeColumnBuilder],
                            index: inout [String: Int]) -> Bool {
        let i: Int
        if let existing = index[attribute.key] {
            i = existing
        } else {
            i = columns.count
            index[attribute.key] = i
            columns.append(AttributeColumnBuilder(key: attribute.key))
        }
        return columns[i].set(attribute, atRow: row)
    }
}
