import EventLog

/// Where a log deviates from a model, from optimal alignments: per activity and per transition the log
/// moves and model moves with the number of cases they occur in, and per case its list of deviations.
/// This is what the Explain and Agents layers consume to explain and act on non-conformance.
///
/// ```swift
/// let aligned = try await Alignments().align(log, on: net)
/// let report = DeviationReport(aligned, log: log)
/// for activity in report.activities where activity.logMoves > 0 { print(activity.activity, activity.logMoveCases) }
/// ```
public struct DeviationReport: Sendable, Codable, Hashable {
    /// Deviations that concern one activity name.
    public struct ActivityDeviations: Sendable, Codable, Hashable {
        public var activity: String
        /// Events of this activity the model could not mimic (log moves), over all cases.
        public var logMoves: Int
        /// Cases with at least one such log move.
        public var logMoveCases: Int
        /// Transitions labelled with this activity fired without an event (model moves), over all cases.
        public var modelMoves: Int
        /// Cases with at least one such model move.
        public var modelMoveCases: Int
    }

    /// Deviations that concern one transition.
    public struct TransitionDeviations: Sendable, Codable, Hashable {
        public var transition: String
        public var label: String?
        public var isSilent: Bool
        /// Model moves of this transition over all cases (silent moves are not deviations but are counted).
        public var modelMoves: Int
        public var modelMoveCases: Int
        /// Synchronous moves of this transition over all cases.
        public var synchronousMoves: Int
    }

    /// One deviation of one case.
    public struct Deviation: Sendable, Codable, Hashable {
        public enum Kind: String, Sendable, Codable, Hashable {
            /// An event the model could not mimic.
            case logMove
            /// A visible transition the model needed that the log lacks.
            case modelMove
        }

        public var kind: Kind
        /// The event's activity (log move) or the transition's label (model move).
        public var activity: String
        /// The transition's id, for model moves.
        public var transition: String?
        /// The event's index in the trace, for log moves; for model moves, the index of the next event
        /// (the trace length when it happens after the last event).
        public var eventIndex: Int
        public var cost: Int
    }

    /// The deviations of one case.
    public struct CaseDeviations: Sendable, Codable, Hashable {
        public var caseIndex: Int
        public var caseID: String?
        public var variantIndex: Int
        public var cost: Int
        public var fitness: Double
        public var deviations: [Deviation]
    }

    public var activities: [ActivityDeviations]
    public var transitions: [TransitionDeviations]
    /// Cases with at least one deviation, in case order.
    public var cases: [CaseDeviations]
    /// Cases whose variant could not be aligned within the search limits.
    public var unalignedCases: [Int]

    /// Builds the report; `log` (the aligned log) supplies case ids when given.
    public init(_ result: AlignmentResult, log: EventLog? = nil) {
        var activityTable: [String: ActivityDeviations] = [:]
        var transitionTable: [String: TransitionDeviations] = [:]
        var cases: [CaseDeviations] = []
        var unaligned: [Int] = []
        for (v, variant) in result.variants.enumerated() {
            guard let alignment = variant.alignment else {
                unaligned.append(contentsOf: variant.cases)
                continue
            }
            let weight = variant.count
            let deviations = Self.deviations(of: alignment, traceLength: variant.activities.count)
            Self.tally(alignment, weight: weight, activities: &activityTable, transitions: &transitionTable)
            guard !deviations.isEmpty else { continue }
            for c in variant.cases {
                cases.append(CaseDeviations(caseIndex: c, caseID: log?.caseID(c), variantIndex: v, cost: alignment.cost,
                                            fitness: alignment.fitness, deviations: deviations))
            }
        }
        activities = activityTable.values.sorted { $0.activity < $1.activity }
        transitions = transitionTable.values.sorted { $0.transition < $1.transition }
        self.cases = cases.sorted { $0.caseIndex < $1.caseIndex }
        unalignedCases = unaligned.sorted()
    }

    private static func deviations(of alignment: Alignment, traceLength: Int) -> [Deviation] {
        var result: [Deviation] = []
        var nextEvent = 0
        for move in alignment.moves {
            switch move.kind {
            case .synchronous:
                nextEvent = (move.eventIndex ?? nextEvent) + 1
            case .log:
                let index = move.eventIndex ?? nextEvent
                result.append(Deviation(kind: .logMove, activity: move.activity ?? "", transition: nil,
                                        eventIndex: index, cost: move.cost))
                nextEvent = index + 1
            case .model where !move.isSilent:
                result.append(Deviation(kind: .modelMove, activity: move.label ?? "", transition: move.transition,
                                        eventIndex: min(nextEvent, traceLength), cost: move.cost))
            case .model:
                continue
            }
        }
        return result
    }

    private static func tally(_ alignment: Alignment, weight: Int, activities: inout [String: ActivityDeviations],
                              transitions: inout [String: TransitionDeviations]) {
        var logMoveActivities = Set<String>(), modelMoveActivities = Set<String>(), modelMoveTransitions = Set<String>()
        for move in alignment.moves {
            switch move.kind {
            case .log:
                let name = move.activity ?? ""
                activities[name, default: .init(activity: name, logMoves: 0, logMoveCases: 0, modelMoves: 0,
                                                modelMoveCases: 0)].logMoves += weight
                logMoveActivities.insert(name)
            case .model:
                let id = move.transition ?? ""
                transitions[id, default: .init(transition: id, label: move.label, isSilent: move.isSilent,
                                               modelMoves: 0, modelMoveCases: 0, synchronousMoves: 0)].modelMoves += weight
                modelMoveTransitions.insert(id)
                if let label = move.label {
                    activities[label, default: .init(activity: label, logMoves: 0, logMoveCases: 0, modelMoves: 0,
                                                     modelMoveCases: 0)].modelMoves += weight
                    modelMoveActivities.insert(label)
                }
            case .synchronous:
                let id = move.transition ?? ""
                transitions[id, default: .init(transition: id, label: move.label, isSilent: false, modelMoves: 0,
                                               modelMoveCases: 0, synchronousMoves: 0)].synchronousMoves += weight
            }
        }
        for name in logMoveActivities { activities[name]?.logMoveCases += weight }
        for name in modelMoveActivities { activities[name]?.modelMoveCases += weight }
        for id in modelMoveTransitions { transitions[id]?.modelMoveCases += weight }
    }
}
