import Foundation

/// An audit sink that keeps entries per run id until someone takes them: a worker runs each job under its own
/// run id through one shared pipeline, then takes that run's entries to commit them with the job's outcome.
public final class RunAuditCollector: AuditSink, @unchecked Sendable {
    /// Guards `entries`.
    private let lock = NSLock()
    private var entries: [String: [AuditEntry]] = [:]

    public init() {}

    public func record(_ entry: consuming AuditEntry) {
        let entry = entry
        lock.withLock { entries[entry.runID, default: []].append(entry) }
    }

    /// The entries recorded for `runId`, in order; they are forgotten here.
    public func take(runID: String) -> [AuditEntry] {
        lock.withLock { entries.removeValue(forKey: runID) ?? [] }
    }
}
