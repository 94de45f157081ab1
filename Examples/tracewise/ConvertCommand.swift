import ArgumentParser
import EventLog
import Foundation

/// `tracewise convert IN OUT`: XES ⇄ CSV, gzip by extension (`.xes`, `.xes.gz`, `.csv`, `.csv.gz`).
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a log between XES and CSV (gzip when the name ends in .gz).")

    @OptionGroup var input: LogOptions

    @Argument(help: "The output file (.xes, .xes.gz, .csv, .csv.gz).")
    var output: String

    func validate() throws {
        guard LogFileFormat(url: URL(fileURLWithPath: output)) != nil else {
            throw ValidationError("OUT must end in .xes, .xes.gz, .csv or .csv.gz")
        }
    }

    func run() throws {
        let log = try input.loadAsWritten()
        try OutputFile.replace(output) { try log.write(to: $0) }
        print("wrote \(log.caseCount) cases, \(log.eventCount) events to \(output)")
    }
}
