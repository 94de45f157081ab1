import Foundation
import Packs

/// Intake: normalises a raw exception, checks its type against the domain pack, enforces size limits,
/// assigns an id and a timestamp, and checks required payload fields.
struct IntakeAgent: PipelineStage {
    let policy: PolicyContext
    let limits: PayloadLimits
    var stage: Stage { .intake }
    var suspends: Bool { false }

    /// Replaces the driver's provisional outcome (see ``provisionalOutcome(_:index:runID:tenantID:now:)``)
    /// with the accepted exception.
    func run(_ outcome: inout ExceptionOutcome, in context: inout StageContext) throws -> Transition {
        outcome = try accept(context.raw, index: context.index, runID: context.runID, now: context.timestamp)
        return .next(.triage)
    }

    /// What the pipeline knows of an exception before Intake accepts it, and all it keeps of one Intake
    /// rejects: the given id (or `<run>-<n>`), type (at most 120 characters) and source system.
    static func provisionalOutcome(_ raw: PackValue, index: Int, runID: String, tenantID: String, now: String) -> ExceptionOutcome {
        let id = raw["exceptionId"]?.stringValue ?? "\(runID)-\(index + 1)"
        let type = (raw["exceptionType"] ?? raw["type"])?.stringValue ?? "UNKNOWN"
        var outcome = ExceptionOutcome(exception: ExceptionRecord(
            exceptionID: id, tenantID: tenantID, sourceSystem: raw["sourceSystem"]?.stringValue ?? "unknown",
            exceptionType: String(type.prefix(120)), timestamp: now, rawPayload: .null, normalizedContext: .null))
        outcome.confidence = 0
        return outcome
    }

    private func accept(_ raw: PackValue, index: Int, runID: String, now: String) throws -> ExceptionOutcome {
        guard case .object(let members) = raw else {
            throw AgentsError(.invalidInput, "exception #\(index + 1) is not a JSON object")
        }
        try checkLimits(raw)
        let payload = normalisedPayload(members)
        let type = try exceptionType(members, payload: payload)
        let id = members["exceptionId"]?.stringValue ?? "\(runID)-\(index + 1)"
        let source = members["sourceSystem"]?.stringValue ?? "unknown"
        let timestamp = members["timestamp"]?.stringValue ?? now
        let context: PackValue = .object([
            "exceptionId": .string(id), "tenantId": .string(policy.tenant.tenantID), "exceptionType": .string(type.definition.name),
            "sourceSystem": .string(source), "timestamp": .string(timestamp), "domain": .string(policy.domain.domainName),
            "payload": payload,
        ])
        var record = ExceptionRecord(exceptionID: id, tenantID: policy.tenant.tenantID, sourceSystem: source,
                                     exceptionType: type.definition.name, timestamp: timestamp, rawPayload: raw, normalizedContext: context,
                                     resolutionStatus: .inProgress)
        let problems = fieldProblems(payload, type: type)
        record.auditTrail.reserveCapacity(8)
        record.auditTrail.append(AuditTrailEntry(stage: .intake, timestamp: now,
                                                 summary: problems.isEmpty ? type.intakeSummary : "\(type.intakeSummary) with \(problems.count) field problem(s)"))
        var outcome = ExceptionOutcome(exception: record)
        outcome.decisions.reserveCapacity(8)
        outcome.confidence = max(0.3, 1 - 0.2 * Double(problems.count))
        outcome.decisions.append(StageDecision(stage: .intake, decision: AgentDecision(
            decision: .accepted, confidence: outcome.confidence,
            evidence: problems.isEmpty ? [type.intakeEvidence] : [type.intakeEvidence] + problems,
            nextStep: .triage)))
        return outcome
    }

    private func exceptionType(_ members: [String: PackValue], payload: PackValue) throws -> PolicyContext.TypeProfile {
        if let given = (members["exceptionType"] ?? members["type"])?.stringValue {
            let name = Self.normaliseTypeName(given)
            guard let type = policy.types[name] else {
                throw AgentsError(.unknownExceptionType, "exception type '\(String(given.prefix(80)))' is not defined by domain \(policy.domain.domainName)")
            }
            return type
        }
        guard let guessed = classifyByHints(payload), let profile = policy.types[guessed.name] else {
            throw AgentsError(.unknownExceptionType, "the exception names no type and matches no detection hint")
        }
        return profile
    }

    /// `settlement-fail` and ` Settlement Fail ` both become `SETTLEMENT_FAIL`.
    static func normaliseTypeName(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            return text
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
            .replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
    }

    private func classifyByHints(_ payload: PackValue) -> ExceptionTypeDefinition? {
        let text = payload.plainText.lowercased()
        let scored = policy.domain.exceptionTypes.map { type in
            (type, type.detectionHints.filter { !$0.isEmpty && text.contains($0.lowercased()) }.count)
        }
        guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return nil }
        return best.0
    }

    private func normalisedPayload(_ members: [String: PackValue]) -> PackValue {
        if let payload = members["payload"] { return Self.trimmed(payload) }
        let reserved: Set = ["exceptionId", "exceptionType", "type", "sourceSystem", "timestamp", "tenantId"]
        return Self.trimmed(.object(members.filter { !reserved.contains($0.key) }))
    }

    private static func trimmed(_ value: PackValue) -> PackValue {
        guard needsTrimming(value) else { return value }
        switch value {
        case .string(let s): return .string(trimmedText(s))
        case .array(let items): return .array(items.map(trimmed))
        case .object(let members):
            return .object(Dictionary(members.map { (trimmedText($0.key), trimmed($0.value)) },
                                      uniquingKeysWith: { first, _ in first }))
        default: return value
        }
    }

    /// Whether any string or key inside `value` may have white space to trim; most payloads have none and are
    /// then passed on as they are, without rebuilding their dictionaries.
    private static func needsTrimming(_ value: PackValue) -> Bool {
        switch value {
        case .string(let s): mayNeedTrimming(s)
        case .array(let items): items.contains(where: needsTrimming)
        case .object(let members): members.contains { mayNeedTrimming($0.key) || needsTrimming($0.value) }
        default: false
        }
    }

    /// Only text starting or ending with white space (or a non-ASCII byte) pays for Foundation's trimming.
    private static func mayNeedTrimming(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return !(first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80)
    }

    private static func trimmedText(_ text: String) -> String {
        mayNeedTrimming(text) ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
    }

    private func fieldProblems(_ payload: PackValue, type: PolicyContext.TypeProfile) -> [String] {
        type.payloadFields.compactMap { field in
            guard let value = payload[field.name], value != .null else {
                return field.required ? "required field payload.\(field.name) is missing" : nil
            }
            return Self.matches(value, field.type) ? nil : "payload.\(field.name) should be \(field.type.rawValue), is \(value.typeName)"
        }
    }

    private static func matches(_ value: PackValue, _ type: FieldDefinition.FieldType) -> Bool {
        switch type {
        case .any: true
        case .string: value.stringValue != nil
        case .number: value.numberValue != nil
        case .integer: value.integerValue != nil
        case .boolean: value.boolValue != nil
        case .array: value.arrayValue != nil
        case .object: value.objectValue != nil
        }
    }

    private func checkLimits(_ raw: PackValue) throws {
        var nodes = 0
        func walk(_ value: PackValue, depth: Int) throws {
            nodes += 1
            guard depth <= limits.maximumDepth else {
                throw AgentsError(.invalidInput, "payload nested deeper than \(limits.maximumDepth) levels")
            }
            guard nodes <= limits.maximumNodes else {
                throw AgentsError(.invalidInput, "payload has more than \(limits.maximumNodes) values")
            }
            switch value {
            case .string(let s) where s.utf8.count > limits.maximumStringLength:
                throw AgentsError(.invalidInput, "a payload string is longer than \(limits.maximumStringLength) bytes")
            case .array(let items): for item in items { try walk(item, depth: depth + 1) }
            case .object(let members):
                for (key, member) in members {
                    guard key.utf8.count <= limits.maximumStringLength else {
                        throw AgentsError(.invalidInput, "a payload key is longer than \(limits.maximumStringLength) bytes")
                    }
                    try walk(member, depth: depth + 1)
                }
            default: break
            }
        }
        try walk(raw, depth: 0)
    }
}
