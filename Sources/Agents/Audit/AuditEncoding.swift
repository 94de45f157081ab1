import Packs

/// Encodes audit entries as the body of a chained audit line: compact JSON with sorted keys, the same
/// document `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` writes for an ``AuditEntry``
/// (a test pins the equality), written straight into bytes.
///
/// Every stage of every exception writes one record, so this runs on the pipeline's hot path; the generic
/// `JSONEncoder` costs tens of microseconds per record, this writer about one.
enum AuditEncoding {
    static func encode(_ entry: AuditEntry) -> [UInt8] {
        var writer = CompactJSONWriter()
        writer.reserve(512)
        writer.auditEntry(entry)
        return writer.take()
    }
}

extension CompactJSONWriter {
    /// An audit entry as ``AuditEncoding/encode(_:)`` writes it.
    mutating func auditEntry(_ entry: AuditEntry) {
        object { members in
            if let decision = entry.decision { members.member("decision") { $0.decision(decision) } }
            if let exceptionID = entry.exceptionID { members.member("exceptionId") { $0.string(exceptionID) } }
            if let input = entry.input { members.member("input") { $0.value(input) } }
            if let output = entry.output { members.member("output") { $0.value(output) } }
            members.member("runId") { $0.string(entry.runID) }
            members.member("stage") { $0.string(entry.stage) }
            members.member("tenantId") { $0.string(entry.tenantID) }
            members.member("timestamp") { $0.string(entry.timestamp) }
            if let toolCall = entry.toolCall { members.member("toolCall") { $0.toolCall(toolCall) } }
        }
    }

    mutating func decision(_ decision: AgentDecision) {
        object { members in
            members.member("confidence") { $0.double(decision.confidence) }
            members.member("decision") { $0.string(decision.decision.rawValue) }
            members.member("evidence") { writer in
                writer.array(decision.evidence) { $0.string($1) }
            }
            members.member("nextStep") { $0.string(decision.nextStep.rawValue) }
        }
    }

    mutating func toolCall(_ call: ToolCallOutcome) {
        object { members in
            members.member("attempts") { $0.integer(call.attempts) }
            if let error = call.error { members.member("error") { $0.string(error) } }
            members.member("idempotencyKey") { $0.string(call.idempotencyKey) }
            members.member("latency") { $0.double(call.latency.seconds) }
            if let result = call.result { members.member("result") { $0.value(result) } }
            members.member("status") { $0.string(call.status.rawValue) }
            members.member("tool") { writer in
                writer.object { tool in
                    tool.member("domain") { $0.string(call.tool.domain) }
                    tool.member("tenantId") { $0.string(call.tool.tenantID) }
                    tool.member("tool") { $0.string(call.tool.tool) }
                }
            }
        }
    }
}
