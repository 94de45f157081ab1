/// What can go wrong in a pull, each case positioned so a person can find the cause: the source, the
/// endpoint, the page and the record index, and a JSON pointer to the field.
public enum ConnectorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `from` is not before `to`.
    case invalidWindow(from: Int64, to: Int64)
    /// A credential the source needs is not set (`JIRA_API_TOKEN`, …); the value is never shown.
    case missingCredential(source: String, name: String)
    /// The source answered with an error the connector cannot retry its way out of.
    case sourceError(source: String, endpoint: String, status: Int, code: String?, message: String)
    /// A page could not be decoded as the source's documented shape.
    case malformedPage(source: String, endpoint: String, page: Int, reason: String)
    /// A record lacks a field the mapping needs or has it in the wrong form.
    case badRecord(source: String, page: Int, record: Int, pointer: String, reason: String)
    /// The pull ran past its deadline; the cursor stays at the last fully processed page.
    case deadlineExceeded(source: String, pages: Int)
    /// The source's rate limit did not recover within the retry budget.
    case rateLimited(source: String, endpoint: String, retryAfterSeconds: Double?)
    /// A mapping or configuration file is invalid.
    case invalidConfiguration(file: String, pointer: String, reason: String)

    public var description: String {
        switch self {
        case .invalidWindow(let from, let to):
            return "the window's start (\(SourceTimestamp.iso8601(from))) must be before its end (\(SourceTimestamp.iso8601(to)))"
        case .missingCredential(let source, let name):
            return "\(source): the credential \(name) is not set"
        case .sourceError(let source, let endpoint, let status, let code, let message):
            return "\(source) \(endpoint): HTTP \(status)\(code.map { " \($0)" } ?? ""): \(message)"
        case .malformedPage(let source, let endpoint, let page, let reason):
            return "\(source) \(endpoint) page \(page): \(reason)"
        case .badRecord(let source, let page, let record, let pointer, let reason):
            return "\(source) page \(page) record \(record) at \(pointer): \(reason)"
        case .deadlineExceeded(let source, let pages):
            return "\(source): the pull's deadline passed after \(pages) pages; the cursor stays at the last complete page"
        case .rateLimited(let source, let endpoint, let retryAfter):
            return "\(source) \(endpoint): rate limited\(retryAfter.map { " (retry after \($0) s)" } ?? "") beyond the retry budget"
        case .invalidConfiguration(let file, let pointer, let reason):
            return "\(file) at \(pointer): \(reason)"
        }
    }
}
