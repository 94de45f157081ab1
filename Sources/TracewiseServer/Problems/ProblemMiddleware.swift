import Agents
import EventLog
import Foundation
import Hummingbird
import Logging
import Packs

/// Renders every error that leaves a handler as problem+json with a stable code: ``ServerError`` as it is,
/// the libraries' typed errors by their meaning (bad input → 400/422, unknown ids → 404), Hummingbird's own
/// errors (unknown route, body too large) by their status, and anything else as a 500 whose detail names
/// no internals (the error itself is logged, not sent).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            return try error.response(from: request, context: context)
        } catch {
            let mapped = Self.map(error)
            if mapped.status == .internalServerError {
                context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            }
            return try mapped.response(from: request, context: context)
        }
    }

    static func map(_ error: any Error) -> ServerError {
        switch error {
        case let error as ServerError:
            return error
        case let error as EventLogError:
            return ServerError(.unprocessableContent, code: "invalid-log", error.description)
        case let error as PacksError:
            return ServerError(.unprocessableContent, code: "invalid-pack", error.message)
        case let error as AgentsError:
            return agents(error)
        case is DecodingError:
            return ServerError(.badRequest, code: "invalid-json", "the request body is not the JSON this route expects: \(describe(error as! DecodingError))")
        case let error as HTTPError:
            switch error.status {
            case .notFound: return ServerError(.notFound, code: "not-found", "no such route")
            case .contentTooLarge: return ServerError(.contentTooLarge, code: "body-too-large", "the request body is too large")
            case .methodNotAllowed: return ServerError(.methodNotAllowed, code: "method-not-allowed", "the route does not accept this method")
            default: return ServerError(error.status, code: "http-\(error.status.code)", error.body ?? error.status.reasonPhrase)
            }
        case is CancellationError:
            return ServerError(.serviceUnavailable, code: "cancelled", "the request was cancelled")
        default:
            return ServerError(.internalServerError, code: "internal", "an internal error occurred; it has been logged")
        }
    }

    private static func agents(_ error: AgentsError) -> ServerError {
        switch error.code {
        case .notFound: return ServerError(.notFound, code: "not-found", error.message)
        case .invalidState: return ServerError(.conflict, code: "invalid-state", error.message)
        default: return ServerError(.unprocessableContent, code: "invalid-exception", error.message)
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context): return path(context) + context.debugDescription
        case .keyNotFound(let key, let context): return path(context) + "missing field '\(key.stringValue)'"
        case .typeMismatch(_, let context): return path(context) + context.debugDescription
        case .valueNotFound(_, let context): return path(context) + context.debugDescription
        @unknown default: return "malformed"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.isEmpty ? "" : "/" + context.codingPath.map(\.stringValue).joined(separator: "/") + ": "
    }
}
