import Discovery
import EventLog

/// The four quality dimensions of a model against a log, each as PM4Py defines it: fitness (from
/// alignments, and from token replay), ETConformance precision, token-based generalization and
/// arc-degree simplicity.
///
/// ```swift
/// let report = try await QualityReport.evaluate(log, on: net)
/// print(report.alignmentFitness, report.precision, report.generalization, report.simplicity)
/// ```
public struct QualityReport: Sendable, Codable, Hashable {
    /// PM4Py's alignment-based `log_fitness`.
    public var alignmentFitness: Double
    /// PM4Py's token-replay `log_fitness`.
    public var tokenReplayFitness: Double
    /// ETConformance precision (token-based, or align-ETConformance when requested).
    public var precision: Double
    public var precisionMethod: PrecisionMethod
    public var generalization: Double
    public var simplicity: Double

    /// - Throws: what ``Alignments/align(_:on:)``, ``TokenReplay`` and the precision measures throw.
    public static func evaluate(_ log: EventLog, on net: PetriNet, precisionMethod: PrecisionMethod = .etc,
                                alignments: Alignments = Alignments()) async throws -> QualityReport {
        let aligned = try await alignments.align(log, on: net)
        let replay = try TokenReplay().replay(log, on: net)
        let precision = try precisionMethod.precision(of: log, on: net)
        return QualityReport(alignmentFitness: aligned.logFitness, tokenReplayFitness: replay.logFitness,
                             precision: precision, precisionMethod: precisionMethod,
                             generalization: Generalization.generalization(of: replay, on: net),
                             simplicity: Simplicity().simplicity(of: net))
    }
}

/// Which ETConformance variant measures precision.
public enum PrecisionMethod: String, Sendable, Codable, Hashable, CaseIterable {
    /// Token-based replay (PM4Py's `precision_token_based_replay`).
    case etc
    /// Alignments (PM4Py's `precision_alignments`).
    case alignETC = "align-etc"

    /// Measures precision of `net` on `log` with this method, passing `progress` the prefixes measured.
    public func precision(of log: EventLog, on net: PetriNet, progress: ProgressHandler? = nil) throws -> Double {
        switch self {
        case .etc: return try ETCPrecision(progress: progress).precision(of: log, on: net)
        case .alignETC: return try AlignETCPrecision(progress: progress).precision(of: log, on: net)
        }
    }
}
