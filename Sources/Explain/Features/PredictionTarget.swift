/// What a model should predict per case.
public enum PredictionTarget: Hashable, Sendable, Codable {
    /// Case cycle time in hours (under the analysis calendar).
    case duration
    /// Waiting before the first instance of the activity, in hours; cases without it have no target.
    case waitingBefore(activity: String)
    /// 1 when the cycle time exceeds the threshold (in seconds), else 0.
    case slaBreach(seconds: Double)
    /// A caller-supplied value per case identifier; cases without a value have no target.
    case column(name: String, values: [String: Double])

    /// The target's column name in datasets and reports.
    public var name: String {
        switch self {
        case .duration: "duration_hours"
        case .waitingBefore(let activity): "waiting_hours[\(activity)]"
        case .slaBreach(let seconds): "sla_breach[\(Self.format(seconds))s]"
        case .column(let name, _): name
        }
    }

    /// The prediction point that keeps features free of target leakage: before the activity for
    /// ``waitingBefore(activity:)``, else the whole case.
    public var defaultPredictionPoint: PredictionPoint {
        if case .waitingBefore(let activity) = self { return .beforeActivity(activity) }
        return .caseEnd
    }

    /// Whether the target is 0/1 (fit with logistic loss).
    public var isBinary: Bool {
        if case .slaBreach = self { return true }
        return false
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
