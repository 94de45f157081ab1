import Agents
import Foundation
import HTTPTypes
import Hummingbird
import Packs

/// Authenticates `Authorization: Bearer <key>` against the key store (by SHA-256), applies the key's token
/// bucket, and appends every write (any method but GET/HEAD) with its outcome to the caller's tenant audit
/// chain. Only the API's paths need a key: `/health`, `/metrics` and the static web UI pass without one.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = TracewiseRequestContext

    let keys: any APIKeyStore
    let limiter: TokenBucketLimiter
    let audit: any TenantAuditLog
    /// The paths under these prefixes are the API (everything else is public: health, metrics, static files).
    static let apiPrefixes = ["/tenants/", "/exceptions/", "/metrics/", "/run"]
    /// API paths matched exactly (a prefix would also catch `/metrics`).
    static let apiPaths: Set<String> = ["/me"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard Self.apiPaths.contains(path) || Self.apiPrefixes.contains(where: { path.hasPrefix($0) }) else {
            return try await next(request, context)
        }
        let principal = try await authenticate(request)
        if let wait = limiter.acquire(principal.keyID) {
            throw ServerError(.tooManyRequests, code: "rate-limited", "too many requests for this API key; retry in \(wait) s",
                              headers: [.retryAfter: String(wait)])
        }
        var context = context
        context.principal = principal
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        do {
            let response = try await next(request, context)
            try await record(request, principal: principal, status: response.status.code, code: nil)
            return response
        } catch {
            let problem = ProblemMiddleware<Context>.map(error)
            try await record(request, principal: principal, status: problem.status.code, code: problem.code)
            throw problem
        }
    }

    private func authenticate(_ request: Request) async throws -> Principal {
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"tracewise\""]
        guard let header = request.headers[.authorization] else {
            throw ServerError(.unauthorized, code: "unauthenticated", "an API key is required: Authorization: Bearer <key>", headers: challenge)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", APIKeys.isWellFormed(parts[1]) else {
            throw ServerError(.unauthorized, code: "invalid-api-key", "the Authorization header is not a Tracewise API key", headers: challenge)
        }
        guard let record = try await keys.record(secretHash: APIKeys.hash(String(parts[1]))) else {
            throw ServerError(.unauthorized, code: "invalid-api-key", "the API key is unknown or was revoked", headers: challenge)
        }
        return Principal(keyID: record.id, tenant: record.tenant, role: record.role)
    }

    private func record(_ request: Request, principal: Principal, status: Int, code: String?) async throws {
        var output: [String: PackValue] = ["status": .number(Double(status))]
        if let code { output["code"] = .string(code) }
        let entry = AuditEntry(
            timestamp: ISO8601DateFormatter().string(from: Date()), runID: "api", tenantID: principal.tenant, exceptionID: nil,
            stage: "API",
            input: .object(["method": .string(request.method.rawValue), "path": .string(request.uri.path),
                            "keyId": .string(principal.keyID), "role": .string(principal.role.rawValue)]),
            output: .object(output))
        try await audit.sink(tenant: principal.tenant).record(entry)
    }
}
