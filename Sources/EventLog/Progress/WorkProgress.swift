/// How far a long operation has come: reading a log, aligning or replaying its variants, measuring precision.
///
/// Long operations take a ``ProgressHandler`` (a `progress` property on the reader or measure) and call it
/// from whichever thread did the work: about a thousand times over the whole operation at most, and once at
/// the end with `completed == total`. A command-line tool renders it on a terminal; a server could publish it
/// on a job's status. The same operations honour task cancellation: they throw `CancellationError` soon
/// after the task running them is cancelled.
///
/// ```swift
/// var aligner = Alignments()
/// aligner.progress = { p in print("\(p.phase): \(p.completed)/\(p.total ?? 0) \(p.unit)") }
/// let result = try await aligner.align(log, on: net)
/// ```
public struct WorkProgress: Hashable, Sendable {
    /// What is being done, in a few words ("read log.xes", "align").
    public var phase: String
    /// Units done so far.
    public var completed: Int
    /// Units in all, or nil when not known in advance.
    public var total: Int?
    /// What a unit is ("bytes", "variants", "traces").
    public var unit: String

    public init(phase: String, completed: Int, total: Int?, unit: String) {
        self.phase = phase
        self.completed = completed
        self.total = total
        self.unit = unit
    }

    /// `completed / total` in 0…1, or nil when the total is unknown or zero.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(completed) / Double(total))
    }
}

/// Receives ``WorkProgress`` reports; called concurrently from worker threads, so it must be thread-safe.
public typealias ProgressHandler = @Sendable (WorkProgress) -> Void
