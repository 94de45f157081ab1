import ArgumentParser
import EventLog
import Foundation

/// `tracewise fingerprint LOG`: the log's schema fingerprint and schema as JSON
/// (`{"fingerprint":"sha256:…","schema":{"fields":[{"key":…,"type":…,"level":…}],"classifiers":[…]}}`).
struct FingerprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fingerprint",
        abstract: "Print a log's schema fingerprint and schema (attribute keys, types, levels, classifiers) as JSON.")

    @OptionGroup var input: LogOptions

    struct Report: Encodable {
        var fingerprint: String
        var schema: LogSchema
    }

    func run() throws {
        let fingerprint = SchemaFingerprint(try input.load())
        try JSONOutput.print(Report(fingerprint: fingerprint.value, schema: fingerprint.schema))
    }
}
