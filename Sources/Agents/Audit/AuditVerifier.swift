import Foundation

/// Checks a JSONL audit file written by ``JSONLAuditSink`` (or any ``AuditChain`` lines).
///
/// ```swift
/// let report = try AuditVerifier.verify(fileAt: URL(fileURLWithPath: "audit/run-1.jsonl"))
/// if !report.isValid { print(report.problem!) }
/// ```
public enum AuditVerifier {
    /// What verification found.
    public struct Report: Sendable, Codable, Hashable {
        public enum Problem: Sendable, Codable, Hashable {
            /// The record's own hash does not match its bytes: it was edited.
            case hashMismatch(record: Int)
            /// The record does not follow the one before it: a record was deleted, inserted or reordered.
            case brokenChain(record: Int)
            /// The record is not a chain line at all.
            case malformedRecord(record: Int)
        }

        /// The number of intact, chained records.
        public var validRecords: Int
        /// The first problem found, or nil.
        public var problem: Problem?
        /// True when the file ended in a partial line (a crash mid-write): reported, not treated as corruption.
        public var truncatedLastLine: Bool

        public var isValid: Bool { problem == nil }
    }

    /// Verifies the file at `url`.
    public static func verify(fileAt url: URL) throws -> Report {
        try verify(bytes: Array(Data(contentsOf: url)))
    }

    /// Verifies audit bytes. Records are numbered from 1.
    public static func verify(bytes: [UInt8]) -> Report {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var truncated = false
        if let last = lines.last {
            if last.isEmpty {
                lines.removeLast()
            } else {
                truncated = true
                lines.removeLast()
            }
        }
        var previous = AuditChain.genesis
        for (index, line) in lines.enumerated() {
            let number = index + 1
            guard let (stored, computed) = AuditChain.recomputedHash(of: line), let (prev, seq) = AuditChain.links(of: line) else {
                return Report(validRecords: index, problem: .malformedRecord(record: number), truncatedLastLine: truncated)
            }
            guard stored == computed else {
                return Report(validRecords: index, problem: .hashMismatch(record: number), truncatedLastLine: truncated)
            }
            guard prev == previous, seq == number else {
                return Report(validRecords: index, problem: .brokenChain(record: number), truncatedLastLine: truncated)
            }
            previous = stored
        }
        return Report(validRecords: lines.count, problem: nil, truncatedLastLine: truncated)
    }
}
