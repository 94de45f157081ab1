/// The cost function of an alignment: what a log move, a model move and a synchronous move cost.
///
/// The standard function (PM4Py's and ProM's) charges 10,000 per log move and per visible model move,
/// 1 per silent model move and 0 per synchronous move. Callers may override costs per activity (log
/// moves) and per transition id (model and synchronous moves). Every cost must be non-negative.
///
/// ```swift
/// var costs = AlignmentCosts.standard
/// costs.logMoveByActivity["Send reminder"] = 1   // skipping a reminder in the log is cheap
/// ```
public struct AlignmentCosts: Sendable, Hashable, Codable {
    public var logMove: Int
    public var visibleModelMove: Int
    public var silentModelMove: Int
    public var synchronousMove: Int
    /// Log-move cost per activity name, overriding ``logMove``.
    public var logMoveByActivity: [String: Int]
    /// Model-move cost per transition id, overriding ``visibleModelMove`` / ``silentModelMove``.
    public var modelMoveByTransition: [String: Int]
    /// Synchronous-move cost per transition id, overriding ``synchronousMove``.
    public var synchronousMoveByTransition: [String: Int]

    public init(logMove: Int = 10_000, visibleModelMove: Int = 10_000, silentModelMove: Int = 1,
                synchronousMove: Int = 0, logMoveByActivity: [String: Int] = [:],
                modelMoveByTransition: [String: Int] = [:], synchronousMoveByTransition: [String: Int] = [:]) {
        self.logMove = logMove
        self.visibleModelMove = visibleModelMove
        self.silentModelMove = silentModelMove
        self.synchronousMove = synchronousMove
        self.logMoveByActivity = logMoveByActivity
        self.modelMoveByTransition = modelMoveByTransition
        self.synchronousMoveByTransition = synchronousMoveByTransition
    }

    /// 10,000 per log move and visible model move, 1 per silent move, 0 per synchronous move.
    public static let standard = AlignmentCosts()

    /// Whether this is the standard function (PM4Py's fitness normalisation applies to it).
    public var isStandard: Bool { self == .standard }

    /// - Throws: `.invalidCostFunction` when a cost is negative.
    func validate() throws {
        let all = [logMove, visibleModelMove, silentModelMove, synchronousMove] + Array(logMoveByActivity.values)
            + Array(modelMoveByTransition.values) + Array(synchronousMoveByTransition.values)
        if all.contains(where: { $0 < 0 }) {
            throw ConformanceError(.invalidCostFunction, "alignment costs must be non-negative")
        }
    }
}
