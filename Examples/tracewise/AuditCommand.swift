import Agents
import ArgumentParser
import Foundation

/// `tracewise audit verify FILE` checks a hash-chained audit file; `tracewise audit verify --store STORE
/// --tenant T` checks every audit chain of a tenant in a store (exit 1 naming the first bad record).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Work with audit files.",
        subcommands: [AuditVerifyCommand.self]
    )
}

struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a JSONL audit file, or a tenant's audit chains in a store: exit 0 when intact, 1 naming the first edited, reordered or cut record."
    )

    @Argument(help: "The audit file (omit with --store).")
    var file: String?

    @Option(help: ArgumentHelp("Verify the audit chains in this store (sqlite:PATH or a postgres:// URL) instead of a file.",
                               valueName: "store"))
    var store: StoreLocation?

    @Option(help: "The tenant whose chains to verify (with --store).")
    var tenant: String?

    @OptionGroup var output: FormatOptions

    func validate() throws {
        switch (file, store, tenant) {
        case (.some, nil, nil), (nil, .some, .some): break
        case (nil, .some, nil): throw ValidationError("--store needs --tenant")
        default: throw ValidationError("give either an audit FILE or --store and --tenant")
        }
    }

    func run() async throws {
        if let store, let tenant {
            try await verifyStore(store, tenant: tenant)
            return
        }
        guard let file else { return }
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw CLIError.failed("\(file): no such file") }
        let report = try AuditVerifier.verify(fileAt: url)
        switch output.format {
        case .json:
            try JSONOutput.print(report)
        case .text:
            if let problem = report.problem {
                print("INVALID: \(describe(problem)); \(report.validRecords) record(s) verified before it")
            } else {
                print("OK: \(report.validRecords) record(s) verified" + (report.truncatedLastLine ? "; the last line is torn (truncated write)" : ""))
            }
        }
        if !report.isValid { throw CLIError.finding }
    }

    private func verifyStore(_ location: StoreLocation, tenant: String) async throws {
        let opened = try await location.open()
        defer { opened.close() }
        let report = try await opened.work.verifyAudit(tenant: tenant)
        switch output.format {
        case .json: try JSONOutput.print(report)
        case .text:
            if let bad = report.firstBadRecord {
                print("INVALID: \(bad) (tenant \(tenant))")
            } else {
                print("OK: \(report.records) record(s) in \(report.chains) chain(s) verified for tenant \(tenant)")
            }
        }
        if !report.isValid { throw CLIError.finding }
    }

    private func describe(_ problem: AuditVerifier.Report.Problem) -> String {
        switch problem {
        case .hashMismatch(let record): "record \(record) was modified"
        case .brokenChain(let record): "record \(record) does not follow the record before it (deleted, inserted or reordered)"
        case .malformedRecord(let record): "record \(record) is not an audit record"
        }
    }
}
