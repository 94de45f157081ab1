extension AuditLedgerReport {
    /// Builds a report from a store's audit rows as they stream in (ordered by chain, then sequence), so
    /// every store verifies its chains the same way without holding more than one chain in memory.
    ///
    /// ```swift
    /// var builder = AuditLedgerReport.Builder(tenant: "acme")
    /// for (chain, line) in rows { builder.add(line, toChain: chain) }
    /// let report = builder.finish()
    /// ```
    public struct Builder: Sendable {
        private var report: AuditLedgerReport
        private var chain: String?
        private var lines: [[UInt8]] = []

        public init(tenant: String) {
            report = AuditLedgerReport(tenant: tenant, chains: 0, records: 0, firstBadRecord: nil)
        }

        /// Adds the next stored line; a new chain name closes (and verifies) the previous chain.
        public mutating func add(_ line: [UInt8], toChain name: String) {
            if name != chain {
                closeChain()
                chain = name
                lines = []
            }
            lines.append(line)
            report.records += 1
        }

        /// The report, once every row was added.
        public mutating func finish() -> AuditLedgerReport {
            closeChain()
            chain = nil
            return report
        }

        private mutating func closeChain() {
            guard let chain else { return }
            report.chains += 1
            if report.firstBadRecord == nil { report.firstBadRecord = AuditLedgerReport.verify(chain: chain, lines: lines) }
        }
    }
}
