import Packs

extension CLIError {
    /// A pack that failed to read or validate: the report's errors, one per line.
    static func invalid(_ report: ValidationReport) -> CLIError {
        .failed(report.errors.map(\.description).joined(separator: "\n"))
    }
}
