import Agents
import Foundation
import Packs
import XCTest

/// The audit sinks write records with a hand-written encoder; each record must be byte for byte what
/// `JSONEncoder` (sorted keys, unescaped slashes) writes, so readers can decode it as an `AuditEntry`.
final class AuditEncodingTests: XCTestCase {
    private func entries() -> [AuditEntry] {
        let tool = ToolName(tenantID: "acme", domain: "finance", tool: "resend_payment")
        let payload: PackValue = [
            "amount": 1_250_000, "rate": 0.125, "negative": -42, "huge": .number(1e20), "tiny": .number(1.5e-7),
            "text": "quote \" backslash \\ slash / tab \t newline \n bell \u{07} ünïcødé ✓",
            "flags": [true, false, .null], "nested": ["b": [], "a": [:], "c": ["z": 1, "y": [1, 2.5, "x"]]],
        ]
        return [
            AuditEntry(timestamp: "2026-11-23T03:00:00.000Z", runID: "run-1", tenantID: "acme", exceptionID: nil, stage: "INTAKE"),
            AuditEntry(timestamp: "2026-11-23T03:00:00.001Z", runID: "run-1", tenantID: "acme", exceptionID: "e/1", stage: "TRIAGE",
                       input: payload, output: ["status": "IN_PROGRESS", "confidence": 0.76],
                       decision: AgentDecision(decision: .severityHigh, confidence: 1, evidence: ["rule r1 → HIGH", ""], nextStep: .policy)),
            AuditEntry(timestamp: "t", runID: "r", tenantID: "acme", exceptionID: "e2", stage: "RESOLUTION",
                       toolCall: ToolCallOutcome(tool: tool, status: .failed, result: ["ok": false], error: "timed out after 0.5 s",
                                                 attempts: 3, latency: .microseconds(12_345), idempotencyKey: "k#0123")),
            AuditEntry(timestamp: "t", runID: "r", tenantID: "acme", exceptionID: "e3", stage: "RESOLUTION",
                       toolCall: ToolCallOutcome(tool: tool, status: .dryRun, attempts: 0, latency: .zero, idempotencyKey: "k")),
        ]
    }

    func testRecordsAreWhatJSONEncoderWrites() async throws {
        let sink = InMemoryAuditSink()
        let samples = entries()
        for entry in samples { sink.record(entry) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = sink.jsonl.split(separator: UInt8(ascii: "\n"))
        XCTAssertEqual(lines.count, samples.count)
        for (line, entry) in zip(lines, samples) {
            let text = String(decoding: line, as: UTF8.self)
            let record = try XCTUnwrap(text.range(of: #","record":"#).map { String(text[$0.upperBound...].dropLast()) })
            XCTAssertEqual(record, String(decoding: try encoder.encode(entry), as: UTF8.self))
            XCTAssertEqual(try JSONDecoder().decode(AuditEntry.self, from: Data(record.utf8)), entry)
        }
    }
}
