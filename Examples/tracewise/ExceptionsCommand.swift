import Agents
import ArgumentParser
import EventLog
import Foundation
import Packs

/// `tracewise exceptions …`: run raw exceptions through the governed pipeline.
struct ExceptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exceptions",
        abstract: "Run business exceptions through Intake, Triage, Policy, Resolution, Feedback and the Supervisor.",
        subcommands: [ExceptionsRunCommand.self, ExceptionsFromLogCommand.self, ExceptionsSubmitCommand.self, ExceptionsListCommand.self]
    )
}

struct ExceptionsRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a JSON array of raw exceptions; prints {tenantId, runId, results} and writes a hash-chained audit file."
    )

    @OptionGroup var packs: PackOptions

    @Option(help: "A JSON array of raw exceptions.")
    var input: String

    @Option(name: .customLong("audit-dir"), help: "Directory for the audit file <run-id>.jsonl.")
    var auditDir: String = "audit"

    @Option(name: .customLong("run-id"), help: "The run id (default: run-<UTC time>).")
    var runID: String?

    @Flag(help: "Call the tools (default: dry run — plans are validated and recorded, nothing is sent).")
    var execute = false

    @Option(help: "How many exceptions are processed at once (1 makes similar-case evidence and the audit order reproducible).")
    var concurrency: Int = PipelineOptions().concurrency

    @Option(help: "Stamp every record with this ISO 8601 time instead of the wall clock, for reproducible output (e.g. 2026-01-01T00:00:00Z).")
    var now: String?

    @OptionGroup var output: FormatOptions

    @OptionGroup var model: LLMOption

    func run() async throws {
        let bundle = try packs.bundle()
        let exceptions = try PackBundleLoading.exceptions(at: input)
        let fixedTime = try now.map(Self.parseTime)
        let id = runID ?? "run-" + String((fixedTime ?? StoreClock.nowMicroseconds()) / 1_000_000)
        let auditURL = URL(fileURLWithPath: auditDir).appendingPathComponent("\(id).jsonl")
        let audit = try JSONLAuditSink(fileURL: auditURL)
        let options = PipelineOptions(executeTools: execute, concurrency: concurrency)
        let llm = try model.model().map { SafeLLMClient(model: $0) }
        let pipeline: ExceptionPipeline
        if let fixedTime {
            pipeline = try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant, options: options, audit: audit, llm: llm,
                                                   clock: { fixedTime })
        } else {
            pipeline = try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant, options: options, audit: audit, llm: llm)
        }
        let result = await pipeline.run(exceptions, runID: id)
        try await audit.sync()
        try ExceptionReport.print(result, format: output.format)
    }
}

extension ExceptionsRunCommand {
    /// Seconds since 1970 of an ISO 8601 time with a zone (`2026-01-01T00:00:00Z`, fractional seconds allowed).
    /// An ISO 8601 time with a zone as UTC microseconds since 1970.
    static func parseTime(_ text: String) throws -> Int64 {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
        formatter.formatOptions.insert(.withFractionalSeconds)
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
        throw ValidationError("--now: '\(text)' is not an ISO 8601 time with a zone, e.g. 2026-01-01T00:00:00Z")
    }

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
    }
}

/// Prints a run result as JSON or as one line per exception.
enum ExceptionReport {
    static func print(_ result: RunResult, format: OutputFormat) throws {
        switch format {
        case .json:
            try JSONOutput.print(result)
        case .text:
            Swift.print("run \(result.runID) for tenant \(result.tenantID): \(result.results.count) exception(s)")
            for outcome in result.results {
                let record = outcome.exception
                Swift.print("  \(record.exceptionID)  \(record.exceptionType)  \(record.severity?.rawValue ?? "-")  "
                            + "\(outcome.actionability?.rawValue ?? "-")  \(outcome.playbookID ?? "-")  → \(record.resolutionStatus.rawValue)")
            }
        }
    }
}
