import Foundation
import HTTPTypes
import Hummingbird

/// Every error the API answers with: an HTTP status, a stable ``code`` and a detail for people, rendered as
/// ``ProblemDetails``. Handlers throw it; `ProblemMiddleware` renders it (and maps the libraries' errors to it).
public struct ServerError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var detail: String
    public var errors: [ProblemDetails.FieldError]?
    /// Extra response headers (`Retry-After`, `WWW-Authenticate`).
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, code: String, _ detail: String, errors: [ProblemDetails.FieldError]? = nil,
                headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// The problem-details body of this error for `request`.
    public func problem(instance: String?) -> ProblemDetails {
        ProblemDetails(status: status.code, code: code, title: status.reasonPhrase, detail: detail, instance: instance, errors: errors)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try ProblemJSON.encoder.encode(problem(instance: request.uri.path))
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(data: body)))
    }

    static func notFound(_ what: String) -> ServerError {
        ServerError(.notFound, code: "not-found", "\(what) does not exist")
    }

    static func badRequest(_ detail: String, code: String = "bad-request") -> ServerError {
        ServerError(.badRequest, code: code, detail)
    }
}

/// The encoder of problem bodies (sorted keys, so bodies are stable).
enum ProblemJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
