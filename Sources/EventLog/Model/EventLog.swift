/// A columnar, immutable event log: traces (cases) stored contiguously, attributes in typed columns,
/// and the hot fields (activity, timestamp, resource) pre-extracted into dense integer arrays.
///
/// Events of case `c` are the rows `caseOffsets[c] ..< caseOffsets[c + 1]` of every event-level array.
/// Activities are interned under the current ``classifier``; use ``withClassifier(_:)`` to re-map.
///
/// ```swift
/// let log = try EventLog(contentsOf: URL(fileURLWithPath: "bpic2012.xes.gz"))
/// print(log.caseCount, log.eventCount)
/// for c in 0..<log.caseCount {
///     print(log.caseID(c) ?? "?", log.activities(ofCase: c))
/// }
/// ```
///
/// ## Reading events
/// ``caseID(_:)``, ``activities(ofCase:)``, ``activity(ofEvent:)``, ``timestamp(ofEvent:)`` and
/// ``resource(ofEvent:)`` answer in names and optionals; ``eventAttributes`` and ``traceAttributes`` hold
/// every attribute with its type.
///
/// ## Fast accessors
/// Algorithms read the dense columns directly: ``caseOffsets``, ``activityCodes``, ``timestamps`` and
/// ``resourceCodes`` (and ``traces``, a view over them that allocates nothing). They use sentinels instead of
/// optionals so that they stay flat arrays: ``Timestamp/missing`` for an event without a timestamp and `-1`
/// for one without a resource. Codes index ``activityNames`` and ``resourceNames``.
public struct EventLog: Sendable {
    /// CSR offsets into event rows; `caseOffsets.count == caseCount + 1`.
    public let caseOffsets: [Int]
    /// Every event attribute, one row per event.
    public let eventAttributes: AttributeTable
    /// Every trace attribute, one row per case.
    public let traceAttributes: AttributeTable
    /// Log-level metadata (extensions, globals, classifiers, log attributes).
    public let header: LogHeader
    /// The classifier that defines ``activityCodes``.
    public let classifier: Classifier
    /// Per event: the interned activity under ``classifier`` (index into ``activityNames``).
    public let activityCodes: [Int32]
    /// Activity names, indexed by code, in first-seen order.
    public let activityNames: [String]
    /// Per event: `time:timestamp` in UTC microseconds, or the sentinel ``Timestamp/missing``
    /// (a fast accessor; ``timestamp(ofEvent:)`` answers with an optional).
    public let timestamps: [Int64]
    /// Per event: the interned `org:resource` (index into ``resourceNames``), or the sentinel -1
    /// (a fast accessor; ``resource(ofEvent:)`` answers with an optional).
    public let resourceCodes: [Int32]
    /// Resource names, indexed by code.
    public let resourceNames: [String]
    /// Where this log came from and what was done to it.
    public var provenance: Provenance

    /// Builds a log from its columns, deriving activities, timestamps and resources.
    ///
    /// - Precondition: `caseOffsets` starts at 0, is non-decreasing and ends at `eventAttributes.rowCount`;
    ///   `traceAttributes.rowCount == caseOffsets.count - 1`.
    public init(caseOffsets: [Int], eventAttributes: AttributeTable, traceAttributes: AttributeTable,
                header: LogHeader = LogHeader(), classifier: Classifier = .conceptName,
                provenance: Provenance = Provenance()) {
        precondition(caseOffsets.first == 0 && caseOffsets.last == eventAttributes.rowCount)
        precondition(traceAttributes.rowCount == caseOffsets.count - 1)
        self.caseOffsets = caseOffsets
        self.eventAttributes = eventAttributes
        self.traceAttributes = traceAttributes
        self.header = header
        self.classifier = classifier
        self.provenance = provenance
        (activityCodes, activityNames) = EventLog.intern(eventAttributes, keys: classifier.keys)
        timestamps = EventLog.timestampColumn(eventAttributes)
        (resourceCodes, resourceNames) = EventLog.internOptional(eventAttributes, key: "org:resource")
    }

    /// The number of cases.
    public var caseCount: Int { caseOffsets.count - 1 }
    /// The number of events.
    public var eventCount: Int { eventAttributes.rowCount }

    /// The event rows of case `caseIndex`.
    @inlinable
    public func eventRange(ofCase caseIndex: Int) -> Range<Int> {
        caseOffsets[caseIndex] ..< caseOffsets[caseIndex + 1]
    }

    /// The case identifier (`concept:name` of the trace) of `caseIndex`, when present.
    public func caseID(_ caseIndex: Int) -> String? {
        traceAttributes.column("concept:name")?[caseIndex]?.displayString
    }

    /// The same log with activities defined by another classifier.
    public func withClassifier(_ classifier: Classifier) -> EventLog {
        EventLog(caseOffsets: caseOffsets, eventAttributes: eventAttributes, traceAttributes: traceAttributes,
                 header: header, classifier: classifier, provenance: provenance)
    }

    /// A log of the given cases (in that order), each with all its events.
    public func selectingCases(_ cases: [Int]) -> EventLog {
        var offsets = [0]
        offsets.reserveCapacity(cases.count + 1)
        var rows: [Int] = []
        for c in cases {
            rows.append(contentsOf: eventRange(ofCase: c))
            offsets.append(rows.count)
        }
        return EventLog(caseOffsets: offsets, eventAttributes: eventAttributes.gathering(rows),
                        traceAttributes: traceAttributes.gathering(cases), header: header,
                        classifier: classifier, provenance: provenance)
    }

    /// A log keeping only the events for which `keep(row)` is true; cases left empty are dropped
    /// unless `keepEmptyCases` is set.
    public func selectingEvents(keepEmptyCases: Bool = false, _ keep: (Int) -> Bool) -> EventLog {
        var offsets = [0]
        var rows: [Int] = []
        var cases: [Int] = []
        for c in 0..<caseCount {
            let before = rows.count
            for e in eventRange(ofCase: c) where keep(e) { rows.append(e) }
            if rows.count > before || keepEmptyCases {
                cases.append(c)
                offsets.append(rows.count)
            }
        }
        return EventLog(caseOffsets: offsets, eventAttributes: eventAttributes.gathering(rows),
                        traceAttributes: traceAttributes.gathering(cases), header: header,
                        classifier: classifier, provenance: provenance)
    }

    /// A copy with one more provenance step recording a transformation from `before` to this log.
    public func recording(_ name: String, parameters: [String: String], from before: EventLog) -> EventLog {
        var copy = self
        copy.provenance = before.provenance
        copy.provenance.steps.append(Provenance.Step(
            name: name, parameters: parameters, casesBefore: before.caseCount, eventsBefore: before.eventCount,
            casesAfter: caseCount, eventsAfter: eventCount))
        return copy
    }

    private static func intern(_ table: AttributeTable, keys: [String]) -> ([Int32], [String]) {
        if keys.count == 1 {
            let (codes, names) = internOptional(table, key: keys[0])
            if !codes.contains(-1) { return (codes, names) }
        }
        let columns = keys.map { table.column($0) }
        var symbols = SymbolTable()
        var codes = [Int32]()
        codes.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            let parts = columns.map { $0?[row]?.displayString ?? "" }
            codes.append(symbols.intern(parts.joined(separator: "+")))
        }
        return (codes, symbols.names)
    }

    private static func internOptional(_ table: AttributeTable, key: String) -> ([Int32], [String]) {
        guard let column = table.column(key) else {
            return (Array(repeating: -1, count: table.rowCount), [])
        }
        if case .string(let codes, let pool) = column.storage { return (codes, pool.names) }
        var symbols = SymbolTable()
        let codes = (0..<table.rowCount).map { row -> Int32 in
            column[row].map { symbols.intern($0.displayString) } ?? -1
        }
        return (codes, symbols.names)
    }

    private static func timestampColumn(_ table: AttributeTable) -> [Int64] {
        guard let column = table.column("time:timestamp") else {
            return Array(repeating: Timestamp.missing, count: table.rowCount)
        }
        if case .date(let values, _) = column.storage { return values }
        return (0..<table.rowCount).map { row in
            if case .date(let t)? = column[row] { return t.microseconds }
            return Timestamp.missing
        }
    }
}
