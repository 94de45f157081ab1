/// Every finding about one or more pack files, collected rather than thrown so that a user fixes all of
/// them in one pass. Valid means no errors; warnings never invalidate.
public struct ValidationReport: Hashable, Sendable, Codable {
    public var errors: [ValidationIssue]
    public var warnings: [ValidationIssue]

    public init(errors: [ValidationIssue] = [], warnings: [ValidationIssue] = []) {
        self.errors = errors
        self.warnings = warnings
    }

    public var isValid: Bool { errors.isEmpty }

    mutating func error(_ code: ValidationCode, at path: JSONPointer, _ message: String) {
        errors.append(ValidationIssue(path: path, code: code, message: message))
    }

    mutating func warning(_ code: ValidationCode, at path: JSONPointer, _ message: String) {
        warnings.append(ValidationIssue(path: path, code: code, message: message))
    }

    /// Appends another report's findings.
    public mutating func merge(_ other: ValidationReport) {
        errors += other.errors
        warnings += other.warnings
    }

    /// This report with `file` set on every finding that has none.
    public func attributed(to file: String) -> ValidationReport {
        func attribute(_ issues: [ValidationIssue]) -> [ValidationIssue] {
            issues.map { issue in
                var issue = issue
                if issue.file == nil { issue.file = file }
                return issue
            }
        }
        return ValidationReport(errors: attribute(errors), warnings: attribute(warnings))
    }
}
