import EventLog

/// Applies a ``ProcessScenario`` to a log by re-timing its activity instances, then recomputes KPIs.
///
/// Each instance keeps its gap to the latest earlier end in its case (its waiting, or a negative gap
/// when it ran in parallel) and its own duration (its service), both in wall-clock time; the scenario
/// changes those, and the case is laid out again from its first instance. Events that belong to no
/// instance (`schedule`, `assign`, ...) move with the instance before them.
///
/// ```swift
/// let simulator = ScenarioSimulator(log: log)
/// let outcome = try simulator.run(ProcessScenario(name: "cut", changes: [.cutWaiting(activity: "Ship Goods", percent: 50)]))
/// print(outcome.result.meanCycleChangeSeconds / 3600, "hours")
/// ```
public struct ScenarioSimulator: Sendable {
    public let log: EventLog
    public let analysis: PerformanceAnalysis

    /// The outcome of one scenario: the KPI comparison and the re-timed log.
    public struct Outcome: Sendable {
        public var result: ScenarioResult
        public var log: EventLog
    }

    public init(log: EventLog, options: TimingOptions = TimingOptions()) {
        self.log = log
        analysis = PerformanceAnalysis(log, options: options)
    }

    /// Re-times the log under `scenario`.
    /// - Throws: ``ExplainError`` `.unknownActivity` or `.invalidParameter` (unknown resource) for a change
    ///   naming something the log does not have.
    public func run(_ scenario: ProcessScenario) throws -> Outcome {
        let plan = try Plan(scenario: scenario, instances: analysis.instances)
        let instances = analysis.instances
        var newTime = log.timestamps
        var dropped = [Bool](repeating: false, count: log.eventCount)
        var reassignedRows: [Int] = []
        var changed = 0, removed = 0
        for c in 0..<instances.caseCount {
            let range = instances.range(ofCase: c)
            guard !range.isEmpty else { continue }
            let drop = plan.droppedInstances(in: range, instances: instances)
            var anchors: [Int: Int64] = [:]
            var originalLatest = Int64.min, newLatest = Int64.min
            for i in range {
                let s = instances.start[i], e = instances.end[i]
                defer { originalLatest = max(originalLatest, e) }
                if drop.contains(i) {
                    removed += 1
                    dropped[instances.eventRow[i]] = true
                    dropped[instances.startRow[i]] = true
                    continue
                }
                var gap = originalLatest == .min ? 0 : s - originalLatest
                var duration = e - s
                let adjusted = plan.adjust(instance: i, gap: gap, duration: duration, instances: instances)
                if adjusted.gap != gap || adjusted.duration != duration || adjusted.reassigned { changed += 1 }
                gap = adjusted.gap
                duration = adjusted.duration
                if adjusted.reassigned { reassignedRows += [instances.startRow[i], instances.eventRow[i]] }
                let start = newLatest == .min ? s : newLatest + gap
                anchors[instances.startRow[i]] = start
                anchors[instances.eventRow[i]] = start + duration
                newLatest = max(newLatest, start + duration)
            }
            var shift: Int64 = 0
            for row in log.eventRange(ofCase: c) where log.timestamps[row] != Timestamp.missing {
                if let t = anchors[row] {
                    shift = t - log.timestamps[row]
                    newTime[row] = t
                } else {
                    newTime[row] = log.timestamps[row] + shift
                }
            }
        }
        let retimed = rebuild(times: newTime, reassignedRows: reassignedRows, to: plan.reassignTarget)
            .selectingEvents(keepEmptyCases: true) { !dropped[$0] }
            .recording("whatif", parameters: ["scenario": scenario.name], from: log)
        let after = PerformanceAnalysis(retimed, options: analysis.options)
        let result = ScenarioResult(
            scenario: scenario.name, before: ScenarioKPIs(analysis, slaSeconds: scenario.slaSeconds),
            after: ScenarioKPIs(after, slaSeconds: scenario.slaSeconds), changedInstances: changed,
            removedInstances: removed)
        return Outcome(result: result, log: retimed)
    }

    /// The log with new timestamps and, on `reassignedRows`, the resource `to`.
    private func rebuild(times: [Int64], reassignedRows: [Int], to resource: String?) -> EventLog {
        let table = log.eventAttributes
        let reassigned = Set(reassignedRows)
        var columns = table.columns.map { column -> AttributeColumn in
            switch column.key {
            case "time:timestamp":
                var offsets = [Int16](repeating: Int16.min, count: table.rowCount)
                if case .date(_, let o) = column.storage { offsets = o }
                return AttributeColumn(key: column.key, storage: .date(values: times, offsets: offsets))
            case "org:resource" where resource != nil && !reassigned.isEmpty:
                return Self.replacing(column, rows: reassigned, with: resource!, rowCount: table.rowCount)
            default:
                return column
            }
        }
        if table.column("time:timestamp") == nil {
            columns.append(AttributeColumn(key: "time:timestamp", storage: .date(
                values: times, offsets: [Int16](repeating: Int16.min, count: table.rowCount))))
        }
        return EventLog(caseOffsets: log.caseOffsets, eventAttributes: AttributeTable(rowCount: table.rowCount, columns: columns),
                        traceAttributes: log.traceAttributes, header: log.header, classifier: log.classifier,
                        provenance: log.provenance)
    }

    private static func replacing(_ column: AttributeColumn, rows: Set<Int>, with name: String, rowCount: Int) -> AttributeColumn {
        if case .string(var codes, var pool) = column.storage {
            let code = pool.intern(name)
            for r in rows { codes[r] = code }
            return AttributeColumn(key: column.key, storage: .string(codes: codes, pool: pool))
        }
        var builder = AttributeColumnBuilder(key: column.key)
        for r in 0..<rowCount {
            if rows.contains(r) {
                builder.set(Attribute(key: column.key, value: .string(name)), atRow: r)
            } else if let attribute = column.attribute(at: r) {
                builder.set(attribute, atRow: r)
            }
        }
        return builder.build(rows: rowCount)
    }
}
