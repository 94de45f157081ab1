/// Collects validated CSV rows column by column (interned codes, parsed timestamps) and finally groups them
/// into cases to build the ``EventLog``.
struct CSVRowAccumulator {
    private let layout: CSVColumnLayout
    private let timestampParser: TimestampParser
    private var cases = ByteInterner(capacity: 1024)
    private var activities = ByteInterner()
    private var resources = ByteInterner()
    private var attributeValues: [ByteInterner]
    private var caseOfRow: [Int32] = []
    private var activityOfRow: [Int32] = []
    private var resourceOfRow: [Int32] = []
    private var timestamps: [Int64] = []
    private var offsets: [Int16] = []
    private var startTimestamps: [Int64] = []
    private var startOffsets: [Int16] = []
    private var attributeCodes: [[Int32]]
    /// Per case: its first row in file order (source of trace attributes).
    private var firstRowOfCase: [Int] = []
    /// Scratch space for one row's attribute codes, committed only when the whole row is valid.
    private var rowAttributeCodes: [Int32]

    init(layout: CSVColumnLayout, timestampParser: TimestampParser) {
        self.layout = layout
        self.timestampParser = timestampParser
        attributeValues = layout.attributes.map { _ in ByteInterner() }
        attributeCodes = layout.attributes.map { _ in [] }
        rowAttributeCodes = [Int32](repeating: -1, count: layout.attributes.count)
    }

    /// Validates a record and appends it.
    /// - Throws: ``EventLogError`` for a wrong field count, empty case id or activity, or a bad timestamp;
    ///   nothing is appended then.
    mutating func append(_ record: CSVRecord, fileName: String) throws {
        func location(_ column: Int?) -> EventLogError.Location {
            .init(file: fileName, line: record.line, row: record.number, field: column.map { layout.columnNames[$0] })
        }
        guard record.count == layout.columnNames.count else {
            throw EventLogError(.malformedCSV,
                                "the row has \(record.count) fields but the header has \(layout.columnNames.count)",
                                location: location(nil),
                                excerpt: (0..<record.count).map { record.string($0) }.joined(separator: ","))
        }
        guard !TimestampParser.trimmed(record.field(layout.caseID)).isEmpty else {
            throw EventLogError(.missingCaseID, "the row has no case id", location: location(layout.caseID))
        }
        guard !record.field(layout.activity).isEmpty else {
            throw EventLogError(.missingKey, "the row has no activity", location: location(layout.activity))
        }
        let end = try parseTimestamp(record, column: layout.timestamp, location: location)
        let start = try parseTimestamp(record, column: layout.startTimestamp, location: location)
        let caseCode = cases.intern(record.field(layout.caseID))
        if Int(caseCode) == firstRowOfCase.count { firstRowOfCase.append(caseOfRow.count) }
        caseOfRow.append(caseCode)
        activityOfRow.append(activities.intern(record.field(layout.activity)))
        if let r = layout.resource {
            let bytes = record.field(r)
            resourceOfRow.append(bytes.isEmpty ? -1 : resources.intern(bytes))
        }
        if layout.timestamp != nil {
            timestamps.append(end?.microseconds ?? Timestamp.missing)
            offsets.append(end?.utcOffsetMinutes ?? Int16.min)
        }
        if layout.startTimestamp != nil {
            startTimestamps.append(start?.microseconds ?? Timestamp.missing)
            startOffsets.append(start?.utcOffsetMinutes ?? Int16.min)
        }
        for (i, spec) in layout.attributes.enumerated() {
            let bytes = record.field(spec.index)
            attributeCodes[i].append(bytes.isEmpty ? -1 : attributeValues[i].intern(bytes))
        }
    }

    private func parseTimestamp(_ record: CSVRecord, column: Int?,
                                location: (Int?) -> EventLogError.Location) throws -> Timestamp? {
        guard let column else { return nil }
        let bytes = record.field(column)
        if TimestampParser.trimmed(bytes).isEmpty { return nil }
        guard let t = timestampParser.parse(bytes) else {
            throw EventLogError(.invalidTimestamp,
                                "the timestamp does not match the format \(timestampParser.format.name)",
                                location: location(column), excerpt: String(decoding: bytes, as: UTF8.self))
        }
        return t
    }

    /// Groups rows into cases (first appearance order; file order within a case unless sorted by timestamp)
    /// and builds the log.
    func build(sortEventsByTimestamp: Bool) -> EventLog {
        let caseCount = cases.count
        var caseOffsets = [Int](repeating: 0, count: caseCount + 1)
        for c in caseOfRow { caseOffsets[Int(c) + 1] += 1 }
        for c in 0..<caseCount { caseOffsets[c + 1] += caseOffsets[c] }
        var next = Array(caseOffsets.dropLast())
        var order = [Int](repeating: 0, count: caseOfRow.count)
        for (row, c) in caseOfRow.enumerated() {
            order[next[Int(c)]] = row
            next[Int(c)] += 1
        }
        if sortEventsByTimestamp && !timestamps.isEmpty {
            for c in 0..<caseCount {
                let range = caseOffsets[c] ..< caseOffsets[c + 1]
                let sorted = order[range].enumerated().sorted { a, b in
                    let ta = Self.rank(timestamps[a.element]), tb = Self.rank(timestamps[b.element])
                    return ta != tb ? ta < tb : a.offset < b.offset
                }.map(\.element)
                order.replaceSubrange(range, with: sorted)
            }
        }
        let events = AttributeTable(rowCount: order.count, columns: eventColumns(order))
        let traces = AttributeTable(rowCount: caseCount, columns: traceColumns())
        return EventLog(caseOffsets: caseOffsets, eventAttributes: events, traceAttributes: traces)
    }

    /// Missing timestamps sort last, as pandas puts `NaT` last.
    private static func rank(_ time: Int64) -> Int64 { time == Timestamp.missing ? .max : time }

    private func eventColumns(_ order: [Int]) -> [AttributeColumn] {
        func gather<T>(_ values: [T]) -> [T] { order.map { values[$0] } }
        var columns = [AttributeColumn(key: "concept:name", storage: .string(
            codes: gather(activityOfRow), pool: SymbolTable(activities.strings())))]
        if layout.timestamp != nil {
            columns.append(AttributeColumn(key: "time:timestamp",
                                           storage: .date(values: gather(timestamps), offsets: gather(offsets))))
        }
        if layout.startTimestamp != nil {
            columns.append(AttributeColumn(key: "start_timestamp",
                                           storage: .date(values: gather(startTimestamps), offsets: gather(startOffsets))))
        }
        if layout.resource != nil {
            columns.append(AttributeColumn(key: "org:resource", storage: .string(
                codes: gather(resourceOfRow), pool: SymbolTable(resources.strings()))))
        }
        for (i, spec) in layout.attributes.enumerated() where !spec.traceLevel {
            columns.append(inferredColumn(i, codes: gather(attributeCodes[i])))
        }
        return columns
    }

    private func traceColumns() -> [AttributeColumn] {
        var columns = [AttributeColumn(key: "concept:name", storage: .string(
            codes: (0..<Int32(cases.count)).map { $0 }, pool: SymbolTable(cases.strings())))]
        for (i, spec) in layout.attributes.enumerated() where spec.traceLevel {
            columns.append(inferredColumn(i, codes: firstRowOfCase.map { attributeCodes[i][$0] }))
        }
        return columns
    }

    private func inferredColumn(_ i: Int, codes: [Int32]) -> AttributeColumn {
        let values = attributeValues[i].strings()
        let type = CSVValueInference.inferType(values)
        return CSVValueInference.column(key: layout.attributes[i].key, codes: codes, values: values, type: type)
    }
}
