import Agents
import EventLog
import Foundation
import Packs
import XCTest

/// A store's audit lines are written straight into one buffer per line (head, record, hash in place); they must be
/// byte for byte the lines the first implementation built — `JSONEncoder`'s record (sorted keys, unescaped
/// slashes) in `{"hash":…,"prev":…,"seq":N,"record":…}`, hashed with the hash field zeroed — so stored chains,
/// their hashes and the tamper checks are unchanged.
final class AuditLinesTests: XCTestCase {
    /// The first implementation of a chain's lines, kept here as the reference.
    private static func referenceLines(_ entries: [AuditEntry]) throws -> [[UInt8]] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var previous = String(repeating: "0", count: 64)
        return try entries.enumerated().map { index, entry in
            var bytes = Array(#"{"hash":""#.utf8) + Array(String(repeating: "0", count: 64).utf8)
            bytes += Array(#"","prev":""#.utf8) + Array(previous.utf8)
            bytes += Array(#"","seq":"#.utf8) + Array(String(index + 1).utf8)
            bytes += Array(#","record":"#.utf8) + Array(try encoder.encode(entry)) + [UInt8(ascii: "}")]
            let hash = SHA256.hex(bytes)
            bytes.replaceSubrange(9 ..< 73, with: Array(hash.utf8))
            previous = hash
            return bytes
        }
    }

    func testStoredLinesAreThoseOfTheFirstImplementation() throws {
        var random = SystemRandomNumberGenerator()
        for round in 0..<60 {
            let entries = (0..<Int.random(in: 0...14, using: &random)).map { _ in Self.randomEntry(&random) }
            let lines = AuditLedgerReport.lines(for: entries)
            let expected = try Self.referenceLines(entries)
            XCTAssertEqual(lines.count, expected.count)
            for (index, (line, reference)) in zip(lines, expected).enumerated() where line != reference {
                XCTFail("round \(round) line \(index + 1):\n\(String(decoding: line, as: UTF8.self))\n≠\n\(String(decoding: reference, as: UTF8.self))")
            }
            XCTAssertNil(AuditLedgerReport.verify(chain: "c", lines: lines))
        }
    }

    func testALineIsTheFirstImplementationsForAnyRecordAndSequence() throws {
        var random = SystemRandomNumberGenerator()
        for sequence in [1, 9, 10, 99, 100, 123_456_789, Int.max] {
            let entry = Self.randomEntry(&random)
            let previous = SHA256.hex(Array("\(sequence)".utf8))
            let record = try Self.encoder.encode(entry)
            var expected = Array(#"{"hash":""#.utf8) + Array(String(repeating: "0", count: 64).utf8)
            expected += Array(#"","prev":""#.utf8) + Array(previous.utf8) + Array(#"","seq":"#.utf8) + Array(String(sequence).utf8)
            expected += Array(#","record":"#.utf8) + Array(record) + [UInt8(ascii: "}")]
            let hash = SHA256.hex(expected)
            expected.replaceSubrange(9 ..< 73, with: Array(hash.utf8))
            let line = AuditChain.line(recordJSON: Array(record), previousHash: previous, sequence: sequence)
            XCTAssertEqual(String(decoding: line.bytes, as: UTF8.self), String(decoding: expected, as: UTF8.self), "seq \(sequence)")
            XCTAssertEqual(line.hash, hash)
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static let texts = ["", "a", "quote \" backslash \\ slash / tab \t newline \n bell \u{07} del \u{7F}", "ünïcødé ✓ 数据 e\u{301}",
                                "SETTLEMENT_FAIL", "{{payload.x}}", "\u{0}\u{1F}", "emoji 👩‍👩‍👧", "2026-11-23T03:00:00.000Z"]
    private static let numbers: [Double] = [0, -0.0, 1, -1, 0.95, 0.7599999999999999, 1e15, 9_007_199_254_740_992, 1e16, 5e-324, 1.5e-7, -42.25]

    private static func text(_ random: inout SystemRandomNumberGenerator) -> String { texts.randomElement(using: &random)! }

    private static func value(_ random: inout SystemRandomNumberGenerator, depth: Int = 0) -> PackValue {
        switch Int.random(in: 0..<(depth > 2 ? 4 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(numbers.randomElement(using: &random)!)
        case 3: return .string(text(&random))
        case 4: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in value(&random, depth: depth + 1) })
        default:
            var members: [String: PackValue] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                let key = ["b", "a", "A", "a10", "a9", "é", "ß", "_", "z/y", text(&random)].randomElement(using: &random)!
                members[key] = value(&random, depth: depth + 1)
            }
            return .object(members)
        }
    }

    private static func randomEntry(_ random: inout SystemRandomNumberGenerator) -> AuditEntry {
        let decision = Bool.random(using: &random) ? nil : AgentDecision(
            decision: [.severityHigh, .escalate, .recorded, .approved].randomElement(using: &random)!,
            confidence: numbers.randomElement(using: &random)!,
            evidence: (0..<Int.random(in: 0...3, using: &random)).map { _ in text(&random) },
            nextStep: [.policy, .feedback, .end, .approval].randomElement(using: &random)!)
        let toolCall = Bool.random(using: &random) ? nil : ToolCallOutcome(
            tool: ToolName(tenantID: text(&random), domain: "finance", tool: text(&random)),
            status: [.failed, .dryRun, .success, .refused].randomElement(using: &random)!,
            result: Bool.random(using: &random) ? value(&random) : nil,
            error: Bool.random(using: &random) ? text(&random) : nil,
            attempts: Int.random(in: 0...5, using: &random), latency: .microseconds(Int64.random(in: 0...5_000_000, using: &random)),
            idempotencyKey: text(&random))
        return AuditEntry(timestamp: text(&random), runID: text(&random), tenantID: text(&random),
                          exceptionID: Bool.random(using: &random) ? text(&random) : nil, stage: text(&random),
                          input: Bool.random(using: &random) ? value(&random) : nil,
                          output: Bool.random(using: &random) ? value(&random) : nil, toolCall: toolCall, decision: decision)
    }
}
