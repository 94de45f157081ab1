import Foundation
import Hummingbird

/// An RFC 9457 problem-details body (`application/problem+json`) with a stable machine-readable `code`
/// that clients branch on; `title` and `detail` are for people and may change.
///
/// ```json
/// {"type":"urn:tracewise:problem:log-too-large","title":"Payload Too Large","status":413,
///  "code":"log-too-large","detail":"the upload exceeds 268435456 bytes"}
/// ```
public struct ProblemDetails: Codable, Sendable, Hashable {
    /// One field-level problem: where (a JSON pointer, or a file location) and what.
    public struct FieldError: Codable, Sendable, Hashable {
        public var pointer: String
        public var code: String?
        public var message: String
        public var line: Int?
        public var column: Int?

        public init(pointer: String, code: String? = nil, message: String, line: Int? = nil, column: Int? = nil) {
            self.pointer = pointer
            self.code = code
            self.message = message
            self.line = line
            self.column = column
        }
    }

    public var type: String
    public var title: String
    public var status: Int
    public var code: String
    public var detail: String?
    public var instance: String?
    public var errors: [FieldError]?

    public init(status: Int, code: String, title: String, detail: String?, instance: String? = nil, errors: [FieldError]? = nil) {
        self.type = "urn:tracewise:problem:" + code
        self.title = title
        self.status = status
        self.code = code
        self.detail = detail
        self.instance = instance
        self.errors = errors
    }
}
