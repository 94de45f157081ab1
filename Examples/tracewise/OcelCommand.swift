import ArgumentParser
import Foundation
import ObjectCentric

/// `tracewise ocel …`: object-centric event logs (OCEL 2.0 JSON, XML, SQLite; OCEL 1.0 JSON and XML).
struct OcelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocel",
        abstract: "Object-centric event logs: statistics, OC-DFG, flattening, conversion and validation.",
        subcommands: [OcelStatsCommand.self, OcelDfgCommand.self, OcelFlattenCommand.self, OcelConvertCommand.self, OcelValidateCommand.self])
}

/// Reads an OCEL file for a subcommand.
enum OcelInput {
    static func load(_ path: String) throws -> ObjectCentricLog {
        try ObjectCentricLog(contentsOf: URL(fileURLWithPath: path))
    }
}
