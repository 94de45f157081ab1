/// What verifying a tenant's audit chains in a store found: how many chains and records verified, and the
/// first bad record when one does not.
public struct AuditLedgerReport: Sendable, Codable, Hashable {
    /// The first record that fails verification.
    public struct BadRecord: Sendable, Codable, Hashable, CustomStringConvertible {
        /// The chain (one per job attempt: `job-<id>-attempt-<n>`).
        public var chain: String
        /// The record's 1-based sequence number in its chain.
        public var sequence: Int
        /// `hashMismatch` (the record was edited), `brokenChain` (one was deleted, inserted or reordered) or
        /// `malformedRecord`.
        public var problem: String

        public init(chain: String, sequence: Int, problem: String) {
            self.chain = chain
            self.sequence = sequence
            self.problem = problem
        }

        public var description: String { "chain \(chain) record \(sequence): \(problem)" }
    }

    public var tenant: String
    public var chains: Int
    public var records: Int
    public var firstBadRecord: BadRecord?

    public init(tenant: String, chains: Int, records: Int, firstBadRecord: BadRecord?) {
        self.tenant = tenant
        self.chains = chains
        self.records = records
        self.firstBadRecord = firstBadRecord
    }

    public var isValid: Bool { firstBadRecord == nil }

    /// Verifies stored chain lines (``AuditChain`` format, sequence order) of one chain.
    /// - Returns: nil when the chain verifies, else its first bad record.
    public static func verify(chain: String, lines: [[UInt8]]) -> BadRecord? {
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line
            bytes.append(UInt8(ascii: "\n"))
        }
        let report = AuditVerifier.verify(bytes: bytes)
        switch report.problem {
        case nil: return nil
        case .hashMismatch(let record): return BadRecord(chain: chain, sequence: record, problem: "hashMismatch")
        case .brokenChain(let record): return BadRecord(chain: chain, sequence: record, problem: "brokenChain")
        case .malformedRecord(let record): return BadRecord(chain: chain, sequence: record, problem: "malformedRecord")
        }
    }

    /// The chained lines for `entries`, in order: what a store writes for one chain.
    ///
    /// Each record is encoded straight into its line's buffer, after the line's head, and hashed there: one
    /// allocation per line (a store writes ~7 lines per exception). The bytes are those of
    /// ``AuditChain/line(recordJSON:previousHash:sequence:)`` with ``AuditEncoding`` (a test pins it).
    public static func lines(for entries: [AuditEntry]) -> [[UInt8]] {
        var previous = AuditChain.zeroHash
        var lines: [[UInt8]] = []
        lines.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            var writer = CompactJSONWriter()
            writer.reserve(AuditChain.headCapacity + 640)
            AuditChain.writeHead(into: &writer, previousHash: previous, sequence: index + 1)
            writer.auditEntry(entry)
            var line = writer.take()
            previous = AuditChain.seal(&line)
            lines.append(line)
        }
        return lines
    }
}
