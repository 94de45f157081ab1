/// Checks the field paths and compared literals of a rule against the exception field catalog.
struct RuleReferenceChecker {
    let catalog: ExceptionFieldCatalog
    let exceptionTypes: Set<String>

    /// Reports unknown fields and unknown exception-type or severity literals of the rule at `path`.
    /// `scope` limits the check to one exception type (tenant severity overrides); nil means any type.
    func check(_ source: String, at path: JSONPointer, scope: String? = nil, into report: inout ValidationReport) {
        guard let rule = try? RuleExpression(source) else { return }
        for reference in rule.fieldReferences {
            let known = scope.map { catalog.contains(reference.path, for: $0) } ?? catalog.containsInAnyType(reference.path)
            if !known {
                let context = scope.map { " of \($0) exceptions" } ?? " of any exception type"
                report.error(.unknownField, at: path, "column \(reference.column): '\(reference.dottedPath)' is not a field\(context)")
            }
        }
        for (field, literal) in rule.comparedLiterals {
            if field.path == ["exceptionType"], !exceptionTypes.contains(literal) {
                report.error(.unknownExceptionType, at: path, "column \(field.column): '\(literal)' is not an exception type of the pack")
            }
            if field.path == ["severity"], Severity(rawValue: literal) == nil {
                report.error(.invalidValue, at: path, "column \(field.column): '\(literal)' is not a severity (LOW, MEDIUM, HIGH, CRITICAL)")
            }
        }
    }
}
