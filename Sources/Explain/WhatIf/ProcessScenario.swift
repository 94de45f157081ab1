import Foundation

/// A process-level what-if: changes to how work flows, applied by re-timing a log (see
/// ``ScenarioSimulator``). Read from JSON (format in docs/explain.md):
///
/// ```json
/// {"name": "faster shipping",
///  "changes": [{"type": "cutWaiting", "activity": "Ship Goods", "percent": 50},
///              {"type": "removeRework", "activity": "Check Credit"},
///              {"type": "reassign", "from": "warehouse-3", "to": "warehouse-1", "activity": "Pack Goods"}]}
/// ```
public struct ProcessScenario: Hashable, Sendable, Codable {
    /// One change.
    public enum Change: Hashable, Sendable, Codable {
        /// Waiting before every instance of `activity` shrinks by `percent` (0...100).
        case cutWaiting(activity: String, percent: Double)
        /// Every loop back to `activity` disappears: a case keeps its first `activity` and skips what
        /// happened after it up to and including its last repeat.
        case removeRework(activity: String)
        /// Work of resource `from` (only on `activity` when given) moves to `to`, taking `to`'s median
        /// waiting and service time for that activity (where `to` has done it).
        case reassign(from: String, to: String, activity: String?)

        private enum CodingKeys: String, CodingKey { case type, activity, percent, from, to }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let type = try c.decode(String.self, forKey: .type)
            switch type {
            case "cutWaiting":
                let percent = try c.decode(Double.self, forKey: .percent)
                guard (0...100).contains(percent) else {
                    throw DecodingError.dataCorruptedError(forKey: .percent, in: c, debugDescription: "percent must be in 0...100")
                }
                self = .cutWaiting(activity: try c.decode(String.self, forKey: .activity), percent: percent)
            case "removeRework":
                self = .removeRework(activity: try c.decode(String.self, forKey: .activity))
            case "reassign":
                self = .reassign(from: try c.decode(String.self, forKey: .from), to: try c.decode(String.self, forKey: .to),
                                 activity: try c.decodeIfPresent(String.self, forKey: .activity))
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .type, in: c, debugDescription: "unknown change type '\(type)' (cutWaiting, removeRework, reassign)")
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .cutWaiting(let activity, let percent):
                try c.encode("cutWaiting", forKey: .type)
                try c.encode(activity, forKey: .activity)
                try c.encode(percent, forKey: .percent)
            case .removeRework(let activity):
                try c.encode("removeRework", forKey: .type)
                try c.encode(activity, forKey: .activity)
            case .reassign(let from, let to, let activity):
                try c.encode("reassign", forKey: .type)
                try c.encode(from, forKey: .from)
                try c.encode(to, forKey: .to)
                try c.encodeIfPresent(activity, forKey: .activity)
            }
        }
    }

    public var name: String
    public var changes: [Change]
    /// A cycle-time threshold in seconds; adds SLA breach rates to the KPIs.
    public var slaSeconds: Double?

    public init(name: String, changes: [Change], slaSeconds: Double? = nil) {
        self.name = name
        self.changes = changes
        self.slaSeconds = slaSeconds
    }

    /// Reads a scenario file.
    /// - Throws: ``ExplainError`` `.fileNotFound`, or `.invalidParameter` with the JSON path of the problem.
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ExplainError(.fileNotFound, "no scenario file at \(url.path)", location: .init(file: url.path))
        }
        do {
            self = try JSONDecoder().decode(ProcessScenario.self, from: data)
        } catch let error as DecodingError {
            throw ExplainError(.invalidParameter, Self.describe(error), location: .init(file: url.path))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .dataCorrupted(let context): return "invalid scenario at \(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "missing '\(key.stringValue)' at \(path(context.codingPath))"
        case .typeMismatch(_, let context): return "wrong type at \(path(context.codingPath)): \(context.debugDescription)"
        case .valueNotFound(_, let context): return "missing value at \(path(context.codingPath))"
        @unknown default: return "invalid scenario"
        }
    }
}
