import ArgumentParser
import Foundation

/// The one error type `tracewise` subcommands throw themselves, and the tool's exit-code contract.
///
/// | Exit | Meaning | On stderr |
/// |------|---------|-----------|
/// | 0 | success (help included) | nothing |
/// | 1 | the input could not be used (``failed(_:)`` or a library's typed error), or the command ran and reported a finding on stdout (``finding``) | `Error: ` and the message; nothing for a finding |
/// | 2 | usage: unknown or missing arguments, a `validate()` failure | the message and the subcommand's usage |
///
/// Usage problems are ArgumentParser's `ValidationError`, thrown from `validate()` so the library attaches
/// the right subcommand's usage; ``exit(for:)`` only maps its `EX_USAGE` (64) to 2.
enum CLIError: Error, CustomStringConvertible {
    /// The input could not be used: a missing file, a malformed pack, an unreadable exceptions file.
    case failed(String)
    /// The command completed and its report (already on stdout) says something is wrong: an invalid pack,
    /// a broken audit chain, a failing pack test.
    case finding

    var description: String {
        switch self {
        case .failed(let message): message
        case .finding: "the report on standard output lists the problems"
        }
    }

    /// The exit code for usage errors.
    static let usageExitCode: Int32 = 2

    /// Ends the process for an error thrown by parsing or by a subcommand's `run()`, with the code and the
    /// message of the contract above.
    static func exit(for error: Error) -> Never {
        ProgressDisplay.shared.clear()
        if error is CancellationError { OutputFile.abandonAndExit(Interruption.exitStatus) }
        if case CLIError.finding = error { Tracewise.exit(withError: ExitCode.failure) }
        if Tracewise.exitCode(for: error) == .validationFailure {
            FileHandle.standardError.write(Data((Tracewise.fullMessage(for: error) + "\n").utf8))
            Tracewise.exit(withError: ExitCode(usageExitCode))
        }
        Tracewise.exit(withError: error)
    }
}
