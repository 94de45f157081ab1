import ArgumentParser
import EventLog
import Foundation

/// `tracewise fingerprint LOG`: the log's schema fingerprint and schema; as JSON
/// `{"fingerprint":"sha256:…","schema":{"fields":[{"key":…,"type":…,"level":…}],"classifiers":[…]}}`.
struct FingerprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fingerprint",
        abstract: "Print a log's schema fingerprint and schema (attribute keys, types, levels, classifiers).")

    @OptionGroup var input: LogOptions

    @OptionGroup var output: FormatOptions

    struct Report: Encodable {
        var fingerprint: String
        var schema: LogSchema
    }

    func run() throws {
        let fingerprint = SchemaFingerprint(try input.loadAsWritten())
        switch output.format {
        case .json:
            try JSONOutput.print(Report(fingerprint: fingerprint.value, schema: fingerprint.schema))
        case .text:
            print(fingerprint.value)
            for field in fingerprint.schema.fields { print("  \(field.level.rawValue)  \(field.key)  \(field.type)") }
            for classifier in fingerprint.schema.classifiers {
                print("  classifier \(classifier.name): \(classifier.keys.joined(separator: " "))")
            }
        }
    }
}
