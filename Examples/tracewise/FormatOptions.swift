import ArgumentParser
import Foundation

/// `--format json|text`, the output-format option every reporting subcommand shares.
///
/// The default is the same everywhere: text when standard output is a terminal, JSON otherwise, so a person
/// at a shell reads a summary and a script or a pipe gets the JSON contract without asking for it. The JSON
/// itself is always written by ``JSONOutput``.
struct FormatOptions: ParsableArguments {
    @Option(name: .customLong("format"), help: "Output format: json or text (default: text on a terminal, json otherwise).")
    var requested: OutputFormat?

    /// The format to print in: the one asked for, else the terminal-dependent default.
    var format: OutputFormat { requested ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json) }
}

/// The output formats ``FormatOptions`` accepts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json
    case text
}
