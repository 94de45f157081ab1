import ArgumentParser
import Foundation
import ObjectCentric

/// `tracewise ocel convert IN OUT`: converts between OCEL formats; the output format comes from OUT's
/// extension (.jsonocel/.json, .xmlocel/.xml, .sqlite). OCEL 1.0 input is written as OCEL 2.0.
struct OcelConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an object-centric log between OCEL 2.0 JSON, XML and SQLite (OCEL 1.0 input too).")

    @Argument(help: "The OCEL file to read.")
    var input: String

    @Argument(help: "The file to write: .jsonocel/.json, .xmlocel/.xml or .sqlite.")
    var output: String

    func validate() throws {
        guard OCELFormat(fileName: output) != nil else {
            throw ValidationError("OUT must end in .jsonocel, .json, .xmlocel, .xml or .sqlite")
        }
    }

    func run() throws {
        let log = try OcelInput.load(input)
        try OutputFile.replace(output) { try log.write(to: $0) }
    }
}
