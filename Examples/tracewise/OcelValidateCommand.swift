import ArgumentParser
import Foundation
import ObjectCentric

/// `tracewise ocel validate FILE [--format json|text]`: checks the OCEL 2.0 constraints and lists every
/// violation with its position. Exit 0 when valid (warnings allowed), 1 when errors were found.
struct OcelValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an object-centric log against the OCEL 2.0 constraints and report every violation.")

    @Argument(help: "The OCEL file (.jsonocel, .xmlocel, .sqlite; OCEL 1.0 JSON/XML too).")
    var file: String

    @OptionGroup var output: FormatOptions

    struct Finding: Encodable {
        var severity: String
        var code: String
        var message: String
        var location: String
    }

    struct Report: Encodable {
        var valid: Bool
        var events: Int
        var objects: Int
        var findings: [Finding]
    }

    func run() throws {
        let report = try OCELValidationReport(contentsOf: URL(fileURLWithPath: file))
        let findings = report.findings.map {
            Finding(severity: $0.severity.rawValue, code: $0.code, message: $0.message, location: $0.location.description)
        }
        switch output.format {
        case .json: try JSONOutput.print(Report(valid: report.isValid, events: report.events, objects: report.objects, findings: findings))
        case .text:
            print(report.isValid ? "valid: \(report.events) events, \(report.objects) objects" : "invalid")
            for f in report.findings { print(f) }
        }
        if !report.isValid { throw CLIError.finding }
    }
}
