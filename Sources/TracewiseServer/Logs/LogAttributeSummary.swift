import EventLog

/// What an analysis can be filtered by (`GET /tenants/{t}/logs/{logId}/attributes`): the log's time span and,
/// per case and event attribute, its most common values with the number of cases that have each — the
/// choices the workspace's filter card offers. Date attributes are left out (the time range covers time).
struct LogAttributeSummary: Codable, Sendable {
    struct Value: Codable, Sendable {
        /// The display form (what ``AnalysisFilters/AttributeValues`` takes back).
        var value: String
        /// Cases with this value (for event attributes: cases with at least one such event).
        var cases: Int
    }

    struct Attribute: Codable, Sendable {
        var key: String
        /// `trace` (case attribute) or `event`.
        var scope: String
        /// The XES type when every value has the same one (`string`, `int`, …).
        var type: String?
        var distinctValues: Int
        /// The most common values, at most ``LogAttributeSummary/valueLimit``, most cases first.
        var values: [Value]
    }

    static let valueLimit = 50

    var cases: Int
    var firstTimestamp: String?
    var lastTimestamp: String?
    var attributes: [Attribute]

    init(_ log: EventLog) {
        cases = log.caseCount
        let stamped = log.timestamps.filter { $0 != Timestamp.missing }
        firstTimestamp = stamped.min().map { ISO8601Formatting.format(Timestamp(microseconds: $0, utcOffsetMinutes: 0)) }
        lastTimestamp = stamped.max().map { ISO8601Formatting.format(Timestamp(microseconds: $0, utcOffsetMinutes: 0)) }
        var attributes: [Attribute] = []
        for column in log.traceAttributes.columns where column.uniformTypeName != "date" {
            var counts: [String: Int] = [:]
            for row in 0..<log.traceAttributes.rowCount {
                if let value = column[row] { counts[value.displayString, default: 0] += 1 }
            }
            attributes.append(Self.attribute(column, scope: "trace", counts))
        }
        for column in log.eventAttributes.columns where column.uniformTypeName != "date" {
            var counts: [String: Int] = [:]
            for caseIndex in 0..<log.caseCount {
                var seen: Set<String> = []
                for row in log.eventRange(ofCase: caseIndex) {
                    if let value = column[row]?.displayString, seen.insert(value).inserted { counts[value, default: 0] += 1 }
                }
            }
            attributes.append(Self.attribute(column, scope: "event", counts))
        }
        self.attributes = attributes.filter { !$0.values.isEmpty }.sorted { $0.scope != $1.scope ? $0.scope == "trace" : $0.key < $1.key }
    }

    private static func attribute(_ column: AttributeColumn, scope: String, _ counts: [String: Int]) -> Attribute {
        let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(valueLimit)
        return Attribute(key: column.key, scope: scope, type: column.uniformTypeName, distinctValues: counts.count,
                         values: top.map { Value(value: $0.key, cases: $0.value) })
    }
}
