import EventLog
import Foundation
import Packs

extension ExceptionOutcome {
    /// The outcome's canonical JSON — byte for byte what `StoreJSON.encode` (`JSONEncoder` with sorted keys and
    /// unescaped slashes) writes — written straight into bytes.
    ///
    /// Stores keep one outcome per exception and workers write thousands a second; the generic encoder spends
    /// most of its time in `Codable`'s dynamic containers and key sorting, this writer only appends bytes. A
    /// test compares the two on varied outcomes.
    /// - Throws: what `JSONEncoder` throws for an infinite or NaN number (the outcome is then encoded by it).
    public func storeJSON() throws -> [UInt8] {
        var writer = CompactJSONWriter()
        writer.reserve(4_096)
        writer.outcome(self)
        if writer.wroteNonFiniteNumber { return Array(try StoreJSON.encode(self)) }
        return writer.take()
    }
}

extension CompactJSONWriter {
    /// Members in sorted key order; optionals left out when nil, as synthesized `Codable` does.
    mutating func outcome(_ outcome: ExceptionOutcome) {
        object { members in
            if let actionability = outcome.actionability { members.member("actionability") { $0.string(actionability.rawValue) } }
            members.member("approvalReasons") { $0.strings(outcome.approvalReasons) }
            if let id = outcome.approvalRequestID { members.member("approvalRequestId") { $0.string(id) } }
            members.member("confidence") { $0.double(outcome.confidence) }
            members.member("decisions") { writer in
                writer.array(outcome.decisions) { writer, decision in
                    writer.object { members in
                        members.member("decision") { $0.decision(decision.decision) }
                        members.member("stage") { $0.string(decision.stage.rawValue) }
                    }
                }
            }
            if let draft = outcome.draftPlaybook { members.member("draftPlaybook") { $0.draftPlaybook(draft) } }
            members.member("exception") { $0.record(outcome.exception) }
            if let feedback = outcome.feedback {
                members.member("feedback") { writer in
                    writer.object { members in
                        members.member("learningArtifacts") { $0.strings(feedback.learningArtifacts) }
                        members.member("outcome") { $0.string(feedback.outcome) }
                        members.member("policySuggestions") { $0.strings(feedback.policySuggestions) }
                    }
                }
            }
            if let plan = outcome.plan { members.member("plan") { $0.plan(plan) } }
            if let id = outcome.playbookID { members.member("playbookId") { $0.string(id) } }
        }
    }

    private mutating func record(_ record: ExceptionRecord) {
        object { members in
            members.member("auditTrail") { writer in
                writer.array(record.auditTrail) { writer, entry in
                    writer.object { members in
                        members.member("stage") { $0.string(entry.stage.rawValue) }
                        members.member("summary") { $0.string(entry.summary) }
                        members.member("timestamp") { $0.string(entry.timestamp) }
                    }
                }
            }
            members.member("detectedRules") { $0.strings(record.detectedRules) }
            members.member("exceptionId") { $0.string(record.exceptionID) }
            members.member("exceptionType") { $0.string(record.exceptionType) }
            members.member("normalizedContext") { $0.value(record.normalizedContext) }
            members.member("rawPayload") { $0.value(record.rawPayload) }
            members.member("resolutionStatus") { $0.string(record.resolutionStatus.rawValue) }
            if let severity = record.severity { members.member("severity") { $0.string(severity.rawValue) } }
            members.member("sourceSystem") { $0.string(record.sourceSystem) }
            members.member("suggestedActions") { $0.strings(record.suggestedActions) }
            members.member("tenantId") { $0.string(record.tenantID) }
            members.member("timestamp") { $0.string(record.timestamp) }
        }
    }

    private mutating func plan(_ plan: ResolutionPlan) {
        object { members in
            members.member("dryRun") { $0.bool(plan.dryRun) }
            members.member("playbookId") { $0.string(plan.playbookID) }
            members.member("steps") { writer in
                writer.array(plan.steps) { writer, step in
                    writer.object { members in
                        members.member("arguments") { $0.value(step.arguments) }
                        members.member("isRollback") { $0.bool(step.isRollback) }
                        if let note = step.note { members.member("note") { $0.string(note) } }
                        if let outcome = step.outcome { members.member("outcome") { $0.toolCall(outcome) } }
                        members.member("status") { $0.string(step.status.rawValue) }
                        members.member("stepId") { $0.string(step.stepID) }
                        members.member("tool") { $0.string(step.tool) }
                    }
                }
            }
        }
    }

    private mutating func draftPlaybook(_ draft: DraftPlaybook) {
        object { members in
            members.member("candidatePlaybooks") { $0.strings(draft.candidatePlaybooks) }
            members.member("exceptionType") { $0.string(draft.exceptionType) }
            members.member("rationale") { $0.string(draft.rationale) }
            members.member("suggestedTools") { $0.strings(draft.suggestedTools) }
        }
    }

    private mutating func strings(_ strings: [String]) {
        array(strings) { $0.string($1) }
    }

    private mutating func bool(_ flag: Bool) {
        value(.bool(flag))
    }
}
