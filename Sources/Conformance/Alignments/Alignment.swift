/// One step of an alignment: a synchronous move (log and model agree), a log move (an event the model
/// cannot mimic) or a model move (a transition fired without an event; silent transitions are always
/// model moves).
public struct AlignmentMove: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable {
        case synchronous, log, model
    }

    public var kind: Kind
    /// The event's activity, for synchronous and log moves.
    public var activity: String?
    /// The transition's label, for synchronous and visible model moves.
    public var label: String?
    /// The transition's id, for synchronous and model moves.
    public var transition: String?
    /// The event's index in the trace, for synchronous and log moves.
    public var eventIndex: Int?
    /// Whether the model move fires a silent transition.
    public var isSilent: Bool
    /// The move's cost under the alignment's cost function.
    public var cost: Int

    public init(kind: Kind, activity: String?, label: String?, transition: String?, eventIndex: Int?,
                isSilent: Bool, cost: Int) {
        self.kind = kind
        self.activity = activity
        self.label = label
        self.transition = transition
        self.eventIndex = eventIndex
        self.isSilent = isSilent
        self.cost = cost
    }

    /// A deviation is a log move or a visible model move.
    public var isDeviation: Bool { kind == .log || (kind == .model && !isSilent) }
}

/// An optimal alignment of one trace.
public struct Alignment: Sendable, Codable, Hashable {
    public var moves: [AlignmentMove]
    /// The total cost of the moves.
    public var cost: Int
    /// PM4Py's normalisation: `1 − cost / (log-move cost of the trace + cost of the cheapest model run)`,
    /// with both terms integer-divided by 10,000 under the standard costs (as PM4Py does).
    public var fitness: Double
    /// `log-move cost of the trace + cost of the cheapest model run` (PM4Py's `bwc`).
    public var bestWorstCost: Int
    /// States the search visited and queued, and linear programs it solved.
    public var visitedStates: Int
    public var queuedStates: Int
    public var solvedLinearPrograms: Int
}

/// How an alignment search ended.
public enum AlignmentStatus: String, Sendable, Codable, Hashable {
    /// An optimal alignment was found.
    case optimal
    /// The final marking cannot be reached from the initial marking while consuming the trace.
    case unreachableFinalMarking
    /// The search created more states than its limit allowed.
    case stateLimitExceeded
    /// The search ran longer than its time limit.
    case timeLimitExceeded
}

/// The alignment of one variant: its status and, when optimal, the alignment.
public struct VariantAlignment: Sendable, Codable, Hashable {
    public var activities: [String]
    /// Indexes of the cases that follow this variant.
    public var cases: [Int]
    public var status: AlignmentStatus
    public var alignment: Alignment?

    public var count: Int { cases.count }
}
