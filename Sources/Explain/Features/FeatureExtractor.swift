import EventLog

/// Turns cases into a named feature matrix and a target: case attributes (numeric as-is, categorical
/// one-hot with a cardinality cap), activity and rework counts, resources and handovers, temporal
/// features, optional conformance deviations, and prefix features for running cases.
///
/// The schema is fixed when the extractor is fitted, so it applies unchanged to other logs of the same
/// process. Features of a case use only its events before the ``PredictionPoint`` (the leakage guard).
///
/// ```swift
/// let extractor = FeatureExtractor(fitting: log)
/// let data = extractor.dataset(log, target: .duration)
/// print(data.features.names.prefix(5), data.target.prefix(3))
/// ```
public struct FeatureExtractor: Sendable {
    public let schema: FeatureSchema
    /// Where features stop in each case.
    public let point: PredictionPoint

    /// Fits the schema on `log`.
    /// - Parameters:
    ///   - log: the log whose attributes, activities and resources define the columns.
    ///   - options: which feature families to include, the one-hot caps and the timing options.
    ///   - point: where features stop in each case; `.caseEnd` for explaining finished cases.
    ///   - deviations: per-case conformance deviations to add as features.
    public init(fitting log: EventLog, options: FeatureOptions = FeatureOptions(), point: PredictionPoint = .caseEnd,
                deviations: CaseDeviations? = nil) {
        schema = FeatureSchema(fitting: log, options: options, point: point, deviations: deviations)
        self.point = point
    }

    /// Column names, in order.
    public var names: [String] { schema.names }

    /// The features of every case of `log`.
    /// - Complexity: O(events + cases × columns).
    public func features(_ log: EventLog, deviations: CaseDeviations? = nil) -> FeatureMatrix {
        let names = schema.names
        let width = names.count
        let layout = Layout(schema: schema, log: log, names: names)
        var values = [Double](repeating: 0, count: log.caseCount * width)
        var scratch = Scratch(activityCount: log.activityNames.count, resourceCount: log.resourceNames.count)
        values.withUnsafeMutableBufferPointer { buffer in
            for c in 0..<log.caseCount {
                let row = UnsafeMutableBufferPointer(rebasing: buffer[(c * width)..<((c + 1) * width)])
                fill(row, case: c, log: log, layout: layout, scratch: &scratch, deviations: deviations)
            }
        }
        let ids = (0..<log.caseCount).map { log.caseID($0) ?? String($0) }
        return FeatureMatrix(names: names, values: values, caseIDs: ids)
    }

    /// Features and target of the cases of `log` that have a target.
    /// - Parameters:
    ///   - log: a log of the process the schema was fitted on.
    ///   - target: what to predict for each case.
    ///   - analysis: the timing of `log`, when already computed (it is computed otherwise).
    ///   - deviations: per-case conformance deviations, when the schema has deviation columns.
    public func dataset(_ log: EventLog, target: PredictionTarget, analysis: PerformanceAnalysis? = nil,
                        deviations: CaseDeviations? = nil) -> CaseDataset {
        let analysis = analysis ?? PerformanceAnalysis(log, options: schema.options.timing)
        let all = features(log, deviations: deviations)
        let values = TargetValues.compute(target, analysis: analysis)
        let kept = (0..<log.caseCount).filter { values[$0] != nil }
        return CaseDataset(features: all.selectingRows(kept), target: kept.map { values[$0]! },
                           targetName: target.name, caseIndices: kept)
    }

    /// The events of case `c` that features may use.
    func prefixEnd(ofCase c: Int, log: EventLog) -> Int {
        let range = log.eventRange(ofCase: c)
        switch point {
        case .caseEnd:
            return range.upperBound
        case .events(let n):
            return min(range.upperBound, range.lowerBound + max(0, n))
        case .beforeActivity(let activity):
            guard let code = log.activityNames.firstIndex(of: activity) else { return range.upperBound }
            return range.first { log.activityCodes[$0] == Int32(code) } ?? range.upperBound
        case .elapsed(let seconds):
            guard let first = range.first(where: { log.timestamps[$0] != Timestamp.missing }) else { return range.upperBound }
            let limit = log.timestamps[first] + Int64(seconds * 1_000_000)
            return range.first { log.timestamps[$0] != Timestamp.missing && log.timestamps[$0] > limit } ?? range.upperBound
        }
    }

    private func fill(_ row: UnsafeMutableBufferPointer<Double>, case c: Int, log: EventLog, layout: Layout,
                      scratch: inout Scratch, deviations: CaseDeviations?) {
        let rows = log.eventRange(ofCase: c).lowerBound ..< prefixEnd(ofCase: c, log: log)
        scratch.reset()
        var distinct = 0, distinctResources = 0, handovers = 0
        var previousResource: Int32 = -1
        var firstTime = Timestamp.missing, lastTime = Timestamp.missing
        for e in rows {
            let a = Int(log.activityCodes[e])
            if scratch.activityCounts[a] == 0 { distinct += 1; scratch.touchedActivities.append(a) }
            scratch.activityCounts[a] += 1
            let r = log.resourceCodes[e]
            if r >= 0 {
                if scratch.resourceSeen[Int(r)] == false {
                    scratch.resourceSeen[Int(r)] = true
                    scratch.touchedResources.append(Int(r))
                    distinctResources += 1
                }
                if previousResource >= 0 && previousResource != r { handovers += 1 }
                previousResource = r
                if let column = layout.resourceColumn[Int(r)] { row[column] += 1 }
            }
            let t = log.timestamps[e]
            if t != Timestamp.missing {
                if firstTime == Timestamp.missing { firstTime = t }
                lastTime = t
            }
        }
        let events = rows.count
        row[layout.events] = Double(events)
        row[layout.distinct] = Double(distinct)
        if let column = layout.rework { row[column] = Double(events - distinct) }
        if let column = layout.resources { row[column] = Double(distinctResources) }
        if let column = layout.handovers { row[column] = Double(handovers) }
        if let column = layout.temporal { fillTemporal(row, at: column, firstTime: firstTime) }
        if let column = layout.elapsed {
            row[column] = firstTime == Timestamp.missing ? 0
                : schema.options.timing.calendar.seconds(from: firstTime, to: lastTime) / 3600
        }
        fillAttributes(row, case: c, layout: layout)
        for a in scratch.touchedActivities {
            let n = scratch.activityCounts[a]
            if let column = layout.countColumn[a] { row[column] = Double(n) }
            if let column = layout.reworkColumn[a], n > 1 { row[column] = Double(n - 1) }
        }
        if let lastEvent = rows.last, let column = layout.lastActivityColumn[Int(log.activityCodes[lastEvent])] {
            row[column] = 1
        }
        if let deviations, let start = layout.deviations, let counts = deviations.countsByCase[log.caseID(c) ?? String(c)] {
            var total = 0
            for (label, n) in counts {
                total += n
                if let i = schema.deviationLabels.firstIndex(of: label) { row[start + 1 + i] = Double(n) }
            }
            row[start] = Double(total)
        }
    }

    private func fillTemporal(_ row: UnsafeMutableBufferPointer<Double>, at column: Int, firstTime: Int64) {
        guard firstTime != Timestamp.missing else {
            for i in 0..<3 { row[column + i] = .nan }
            return
        }
        let local = firstTime + Int64(schema.options.timing.calendar.utcOffsetMinutes) * 60_000_000
        let day = CalendarPeriod.localDay(of: firstTime, utcOffsetMinutes: schema.options.timing.calendar.utcOffsetMinutes)
        let intoDay = local - day * 86_400_000_000
        row[column] = Double(BusinessCalendar.weekdayIndex(ofDay: day))
        row[column + 1] = Double(intoDay / 3_600_000_000)
        row[column + 2] = Double(ISO8601Formatting.civilFromDays(day).month)
    }

    private func fillAttributes(_ row: UnsafeMutableBufferPointer<Double>, case c: Int, layout: Layout) {
        for (i, column) in layout.numericColumns.enumerated() {
            guard let column else { row[layout.numericStart + i] = .nan; continue }
            switch column[c] {
            case .int(let v)?: row[layout.numericStart + i] = Double(v)
            case .float(let v)?: row[layout.numericStart + i] = v
            case .boolean(let b)?: row[layout.numericStart + i] = b ? 1 : 0
            default: row[layout.numericStart + i] = .nan
            }
        }
        for (i, categorical) in layout.categorical.enumerated() {
            guard let column = categorical.column, let value = column[c]?.displayString else { continue }
            if let index = categorical.levelIndex[value] {
                row[categorical.start + index] = 1
            } else if schema.categoricalAttributes[i].hasOther {
                row[categorical.start + schema.categoricalAttributes[i].levels.count] = 1
            }
        }
    }

    /// Reusable per-case counters, reset by touching only what was set.
    private struct Scratch {
        var activityCounts: [Int]
        var resourceSeen: [Bool]
        var touchedActivities: [Int] = []
        var touchedResources: [Int] = []

        init(activityCount: Int, resourceCount: Int) {
            activityCounts = [Int](repeating: 0, count: activityCount)
            resourceSeen = [Bool](repeating: false, count: resourceCount)
        }

        mutating func reset() {
            for a in touchedActivities { activityCounts[a] = 0 }
            for r in touchedResources { resourceSeen[r] = false }
            touchedActivities.removeAll(keepingCapacity: true)
            touchedResources.removeAll(keepingCapacity: true)
        }
    }

    /// Column positions of the schema, resolved against one log's codes.
    private struct Layout {
        struct CategoricalColumn {
            var column: AttributeColumn?
            var start: Int
            var levelIndex: [String: Int]
        }

        var events = 0, distinct = 1
        var rework: Int?, resources: Int?, handovers: Int?, temporal: Int?, elapsed: Int?, deviations: Int?
        var numericStart = 0
        var numericColumns: [AttributeColumn?] = []
        var categorical: [CategoricalColumn] = []
        var countColumn: [Int?], reworkColumn: [Int?], lastActivityColumn: [Int?], resourceColumn: [Int?]

        init(schema: FeatureSchema, log: EventLog, names: [String]) {
            var index: [String: Int] = [:]
            for (i, name) in names.enumerated() { index[name] = i }
            rework = index["rework_events"]
            resources = index["resources"]
            handovers = index["handovers"]
            temporal = index["start_weekday"]
            elapsed = index["elapsed_hours"]
            deviations = index["deviations"]
            numericStart = schema.numericAttributes.first.flatMap { index[$0] } ?? 0
            numericColumns = schema.numericAttributes.map { log.traceAttributes.column($0) }
            categorical = schema.categoricalAttributes.map { c in
                CategoricalColumn(column: log.traceAttributes.column(c.key), start: index["\(c.key)=\(c.levels[0])"] ?? 0,
                                  levelIndex: Dictionary(uniqueKeysWithValues: c.levels.enumerated().map { ($1, $0) }))
            }
            countColumn = log.activityNames.map { index["count[\($0)]"] }
            reworkColumn = log.activityNames.map { index["rework[\($0)]"] }
            lastActivityColumn = log.activityNames.map { index["last_activity=\($0)"] }
            let other = index["resource[other]"]
            resourceColumn = log.resourceNames.map { index["resource[\($0)]"] ?? other }
        }
    }
}
