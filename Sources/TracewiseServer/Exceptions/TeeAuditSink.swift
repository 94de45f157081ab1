import Agents

/// Records every audit entry in two sinks, in order: a resume job's stages go to the collector the job commits with
/// its outcome and to the tenant's chain the service's audit export reads.
struct TeeAuditSink: AuditSink {
    let first: any AuditSink
    let second: any AuditSink

    func record(_ entry: consuming AuditEntry) async throws {
        let entry = entry
        try await first.record(entry)
        try await second.record(entry)
    }
}
