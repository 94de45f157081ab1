import Agents
import ArgumentParser
import Foundation

/// `tracewise audit verify FILE`: checks a hash-chained audit file.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Work with audit files.",
        subcommands: [AuditVerifyCommand.self]
    )
}

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a JSONL audit file: exit 0 when intact (a torn last line is reported as truncation), 1 when edited, reordered or cut."
    )

    @Argument(help: "The audit file.")
    var file: String

    @OptionGroup var output: FormatOptions

    func run() throws {
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

    private func describe(_ problem: AuditVerifier.Report.Problem) -> String {
        switch problem {
        case .hashMismatch(let record): "record \(record) was modified"
        case .brokenChain(let record): "record \(record) does not follow the record before it (deleted, inserted or reordered)"
        case .malformedRecord(let record): "record \(record) is not an audit record"
        }
    }
}
