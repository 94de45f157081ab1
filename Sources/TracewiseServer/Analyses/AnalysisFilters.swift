import EventLog
import Foundation

/// The cases and events an analysis looks at: a time range and attribute-value conditions, applied in that
/// order to the stored log with EventLog's filters (so each filter is a step of the results' provenance, with
/// the cases and events before and after it).
///
/// ```json
/// {"timeRange":{"from":"2011-10-01T00:00:00Z","to":"2011-12-31T23:59:59Z","mode":"contained"},
///  "attributes":[{"key":"region","values":["South","East"],"scope":"trace"}]}
/// ```
///
/// Attribute values are written as text (as `GET …/logs/{logId}/attributes` lists them) and compare with the
/// stored values of that attribute by their display form, so `"5"` selects the integer 5 and
/// `"2011-10-01T00:00:00Z"` a date.
public struct AnalysisFilters: Codable, Sendable, Hashable {
    /// Keep cases (or events) by time, with `TimeRangeMode` semantics; both ends inclusive, ISO 8601.
    public struct TimeRange: Codable, Sendable, Hashable {
        public var from: String
        public var to: String
        /// `contained` (default), `intersecting` or `trimEvents`.
        public var mode: TimeRangeMode

        public init(from: String, to: String, mode: TimeRangeMode = .contained) {
            self.from = from
            self.to = to
            self.mode = mode
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            from = try container.decode(String.self, forKey: .from)
            to = try container.decode(String.self, forKey: .to)
            mode = try container.decodeIfPresent(TimeRangeMode.self, forKey: .mode) ?? .contained
        }

        private enum CodingKeys: String, CodingKey { case from, to, mode }
    }

    /// Keep (or remove) cases or events whose attribute `key` has one of `values`.
    public struct AttributeValues: Codable, Sendable, Hashable {
        public var key: String
        public var values: [String]
        /// `trace` (case attributes, default), `casesWithEvent` or `events` (event attributes).
        public var scope: AttributeFilterScope
        /// False removes what matches instead of keeping it.
        public var keep: Bool

        public init(key: String, values: [String], scope: AttributeFilterScope = .trace, keep: Bool = true) {
            self.key = key
            self.values = values
            self.scope = scope
            self.keep = keep
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(String.self, forKey: .key)
            values = try container.decode([String].self, forKey: .values)
            scope = try container.decodeIfPresent(AttributeFilterScope.self, forKey: .scope) ?? .trace
            keep = try container.decodeIfPresent(Bool.self, forKey: .keep) ?? true
        }

        private enum CodingKeys: String, CodingKey { case key, values, scope, keep }
    }

    public var timeRange: TimeRange?
    public var attributes: [AttributeValues]

    public init(timeRange: TimeRange? = nil, attributes: [AttributeValues] = []) {
        self.timeRange = timeRange
        self.attributes = attributes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timeRange = try container.decodeIfPresent(TimeRange.self, forKey: .timeRange)
        attributes = try container.decodeIfPresent([AttributeValues].self, forKey: .attributes) ?? []
    }

    private enum CodingKeys: String, CodingKey { case timeRange, attributes }

    /// True when nothing is filtered.
    public var isEmpty: Bool { timeRange == nil && attributes.isEmpty }

    /// A short stable key of the filters for the result store (SHA-256 of their sorted-keys JSON).
    var key: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(self)).map(Array.init) ?? []
        return String(SHA256.hex(json).prefix(32))
    }

    /// The problems of these filters as field errors (JSON pointers under `/filters`); empty when they are valid.
    func problems() -> [ProblemDetails.FieldError] {
        var problems: [ProblemDetails.FieldError] = []
        if let timeRange {
            let from = Timestamp(iso8601: timeRange.from), to = Timestamp(iso8601: timeRange.to)
            if from == nil { problems.append(.init(pointer: "/filters/timeRange/from", code: "invalid-time", message: "not an ISO 8601 time")) }
            if to == nil { problems.append(.init(pointer: "/filters/timeRange/to", code: "invalid-time", message: "not an ISO 8601 time")) }
            if let from, let to, from.microseconds > to.microseconds {
                problems.append(.init(pointer: "/filters/timeRange", code: "empty-range", message: "from is after to"))
            }
        }
        for (index, condition) in attributes.enumerated() {
            if condition.key.isEmpty {
                problems.append(.init(pointer: "/filters/attributes/\(index)/key", code: "empty", message: "the attribute key is empty"))
            }
            if condition.values.isEmpty {
                problems.append(.init(pointer: "/filters/attributes/\(index)/values", code: "empty", message: "list at least one value"))
            }
        }
        return problems
    }

    /// `log` restricted by these filters; each filter records a provenance step.
    /// - Precondition: ``problems()`` is empty.
    func apply(to log: EventLog) -> EventLog {
        var result = log
        if let timeRange, let from = Timestamp(iso8601: timeRange.from), let to = Timestamp(iso8601: timeRange.to) {
            result = result.filteringTimeRange(from: from, to: to, mode: timeRange.mode)
        }
        for condition in attributes {
            let table = condition.scope == .trace ? result.traceAttributes : result.eventAttributes
            let wanted = Set(condition.values)
            var matching: Set<AttributeValue> = []
            if let column = table.column(condition.key) {
                for row in 0..<table.rowCount {
                    if let value = column[row], wanted.contains(value.displayString) { matching.insert(value) }
                }
            }
            result = result.filteringAttribute(condition.key, values: matching, scope: condition.scope, keep: condition.keep)
        }
        return result
    }
}
