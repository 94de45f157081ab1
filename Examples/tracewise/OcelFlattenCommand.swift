import ArgumentParser
import EventLog
import Foundation
import ObjectCentric

/// `tracewise ocel flatten FILE --object-type T OUT.xes[.gz]`: the log flattened on one object type, as XES.
struct OcelFlattenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flatten",
        abstract: "Flatten an object-centric log on one object type into an XES log (one case per object).")

    @Argument(help: "The OCEL file (.jsonocel, .xmlocel, .sqlite; OCEL 1.0 JSON/XML too).")
    var file: String

    @Option(help: "The object type whose objects become the cases.")
    var objectType: String

    @Argument(help: "The XES file to write (.xes or .xes.gz).")
    var out: String

    func validate() throws {
        guard out.hasSuffix(".xes") || out.hasSuffix(".xes.gz") else { throw ValidationError("OUT must end in .xes or .xes.gz") }
    }

    func run() throws {
        let log = try OcelInput.load(file)
        guard log.objectTypeIndex(objectType) != nil else {
            throw CLIError.failed("no object type '\(objectType)' in \(file) (types: \(log.objectTypes.map(\.name).joined(separator: ", ")))")
        }
        let flat = try log.flattened(objectType: objectType)
        try OutputFile.replace(out) { try flat.write(to: $0) }
    }
}
