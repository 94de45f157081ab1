import EventLog

/// The columns a ``FeatureExtractor`` produces, fixed when it is fitted on a log so the same schema
/// applies to other logs (for instance running cases) of the same process.
public struct FeatureSchema: Hashable, Sendable, Codable {
    /// A categorical case attribute with its one-hot levels.
    public struct Categorical: Hashable, Sendable, Codable {
        public var key: String
        public var levels: [String]
        /// Whether values outside ``levels`` exist (and get a `KEY=other` column).
        public var hasOther: Bool
    }

    public var numericAttributes: [String]
    public var categoricalAttributes: [Categorical]
    public var activities: [String]
    /// Activities that repeat within some case of the fitted log.
    public var reworkActivities: [String]
    /// Resources with their own count column.
    public var resources: [String]
    public var hasOtherResources: Bool
    /// Deviation labels with their own count column.
    public var deviationLabels: [String]
    /// Whether prefix columns (`elapsed_hours`, `last_activity=X`) are present.
    public var hasPrefixColumns: Bool
    /// Activities with a `last_activity=X` column (prefix schemas only).
    public var lastActivities: [String]
    public var options: FeatureOptions

    /// Every column name, in matrix order. See docs/explain.md for the naming scheme.
    public var names: [String] {
        var names: [String] = ["events", "distinct_activities"]
        if options.includeRework { names.append("rework_events") }
        if options.includeResources { names += ["resources", "handovers"] }
        if options.includeTemporal { names += ["start_weekday", "start_hour", "start_month"] }
        if hasPrefixColumns { names.append("elapsed_hours") }
        names += numericAttributes
        for c in categoricalAttributes {
            names += c.levels.map { "\(c.key)=\($0)" }
            if c.hasOther { names.append("\(c.key)=other") }
        }
        names += activities.map { "count[\($0)]" }
        names += reworkActivities.map { "rework[\($0)]" }
        names += resources.map { "resource[\($0)]" }
        if hasOtherResources { names.append("resource[other]") }
        names += lastActivities.map { "last_activity=\($0)" }
        if !deviationLabels.isEmpty { names.append("deviations") }
        names += deviationLabels.map { "deviation[\($0)]" }
        return names
    }

    /// Derives the schema from `log`.
    init(fitting log: EventLog, options: FeatureOptions, point: PredictionPoint, deviations: CaseDeviations?) {
        self.options = options
        var numeric: [String] = []
        var categorical: [Categorical] = []
        if options.includeCaseAttributes {
            for column in log.traceAttributes.columns where !options.excludedAttributes.contains(column.key) {
                switch Self.kind(of: column, rows: log.caseCount, cap: options.categoricalCap) {
                case .numeric: numeric.append(column.key)
                case .categorical(let levels, let other):
                    categorical.append(Categorical(key: column.key, levels: levels, hasOther: other))
                case .unusable: break
                }
            }
        }
        numericAttributes = numeric
        categoricalAttributes = categorical
        activities = options.includeActivityCounts ? log.activityNames.sorted() : []
        reworkActivities = options.includeRework ? Self.repeatedActivities(log) : []
        let ranked = Self.resourcesByFrequency(log)
        resources = options.includeResources ? Array(ranked.prefix(options.resourceCap)) : []
        hasOtherResources = options.includeResources && ranked.count > options.resourceCap
        deviationLabels = deviations?.labels ?? []
        hasPrefixColumns = point != .caseEnd
        lastActivities = hasPrefixColumns ? log.activityNames.sorted() : []
    }

    private enum AttributeKind {
        case numeric
        case categorical(levels: [String], other: Bool)
        case unusable
    }

    private static func kind(of column: AttributeColumn, rows: Int, cap: Int) -> AttributeKind {
        switch column.storage {
        case .int, .float, .boolean:
            return .numeric
        case .date:
            return .unusable
        case .string, .id, .mixed:
            var counts: [String: Int] = [:]
            var allNumeric = true
            var present = 0
            for r in 0..<rows {
                guard let value = column[r] else { continue }
                switch value {
                case .int, .float, .boolean: break
                default: allNumeric = false
                }
                counts[value.displayString, default: 0] += 1
                present += 1
            }
            if counts.isEmpty { return .unusable }
            if allNumeric { return .numeric }
            let identifierLike = counts.count == present && present > cap
            if identifierLike { return .unusable }
            let ranked = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
            return .categorical(levels: Array(ranked.prefix(cap)), other: ranked.count > cap)
        }
    }

    private static func repeatedActivities(_ log: EventLog) -> [String] {
        var repeats = Set<Int32>()
        var seen = [Int](repeating: -1, count: log.activityNames.count)
        for c in 0..<log.caseCount {
            for e in log.eventRange(ofCase: c) {
                let a = log.activityCodes[e]
                if seen[Int(a)] == c { repeats.insert(a) } else { seen[Int(a)] = c }
            }
        }
        return repeats.map { log.activityNames[Int($0)] }.sorted()
    }

    private static func resourcesByFrequency(_ log: EventLog) -> [String] {
        var counts = [Int](repeating: 0, count: log.resourceNames.count)
        for r in log.resourceCodes where r >= 0 { counts[Int(r)] += 1 }
        return counts.indices.filter { counts[$0] > 0 }
            .sorted { (counts[$0], log.resourceNames[$1]) > (counts[$1], log.resourceNames[$0]) }
            .map { log.resourceNames[$0] }
    }
}
