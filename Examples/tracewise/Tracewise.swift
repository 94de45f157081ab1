import ArgumentParser
import Foundation

/// The `tracewise` command-line tool. Subcommands and their JSON shapes are a contract: extend, don't rename.
///
/// Exit codes (``CLIError``): 0 success, 1 unusable input (the typed error on stderr) or a finding, 2 usage error.
@main
struct Tracewise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracewise",
        abstract: "Explainable process mining: import logs, discover models, check conformance, explain and act.",
        subcommands: [
            AuditCommand.self,
            LogsCommand.self,
            WorkerCommand.self,
            ApprovalsCommand.self,
            ExceptionsCommand.self,
            PacksCommand.self,
            StatsCommand.self,
            OcelCommand.self,
            ConvertCommand.self,
            FingerprintCommand.self,
            GenerateCommand.self,
            ShapCommand.self,
            DfgCommand.self,
            DiscoverCommand.self,
            ExplainCommand.self,
            ReportCommand.self,
            NarrateCommand.self,
            WhatIfCommand.self,
            MapCommand.self,
            NetCommand.self,
            ReplayCommand.self, AlignCommand.self, PrecisionCommand.self, QualityCommand.self,
            ConnectCommand.self,
        ]
    )

    /// ArgumentParser's own dispatch (`asyncParseAsRoot`, then the chosen command's `run()`), with errors
    /// mapped to the exit-code contract by ``CLIError/exit(for:)``; `--timings` prints its line after a
    /// successful run.
    ///
    /// The command runs in a task that Ctrl-C cancels (``Interruption``): exit code 130, no output file.
    static func main() async {
        PhaseTimings.shared.start()
        let run = Task {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        }
        let interruption = Interruption.cancelOnInterrupt(run)
        defer { interruption.cancel() }
        do {
            try await run.value
            PhaseTimings.shared.report()
        } catch {
            CLIError.exit(for: error)
        }
    }
}
