import ArgumentParser
import Foundation

/// The `tracewise` command-line tool. Subcommands and their JSON shapes are a contract: extend, don't rename.
///
/// Exit codes: 0 success, 1 invalid input (the typed error on stderr), 2 usage error.
@main
struct Tracewise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracewise",
        abstract: "Explainable process mining: import logs, discover models, check conformance, explain and act.",
        subcommands: [
            AuditCommand.self,
            ExceptionsCommand.self,
            PacksCommand.self,
            StatsCommand.self,
            ConvertCommand.self,
            FingerprintCommand.self,
            GenerateCommand.self,
            ShapCommand.self,
            DfgCommand.self,
            DiscoverCommand.self,
            ExplainCommand.self,
            ReportCommand.self,
            WhatIfCommand.self,
            MapCommand.self,
            NetCommand.self,
            ReplayCommand.self, AlignCommand.self, PrecisionCommand.self, QualityCommand.self,
        ]
    )

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.contains("--help") || arguments.contains("-h") || arguments.first == "help" {
            // ArgumentParser's own entry point prints the help of the right subcommand and exits 0.
            await Self.main(arguments)
            return
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch is ValidationError {
            FileHandle.standardError.write(Data((fullMessage(for: ValidationError("")) + "\n").utf8))
            Foundation.exit(2)
        } catch {
            FileHandle.standardError.write(Data("error: \(String(describing: error))\n".utf8))
            Foundation.exit(1)
        }
    }
}
