import Agents
import Hummingbird

/// The request context of the API's routes: Hummingbird's core storage plus the authenticated caller.
public struct TracewiseRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware` for every route but the public ones.
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
    }

    /// Uploads stream to disk with their own limit (``ServerConfiguration/maxUploadBytes``); JSON bodies are small.
    public var maxUploadSize: Int { 4 * 1024 * 1024 }

    /// The caller, when it may act on `tenant` with at least `role`.
    ///
    /// - Throws: ``ServerError`` 401 without a principal; 403 `tenant-forbidden` for another tenant's path,
    ///   403 `role-forbidden` for a role below `role`.
    public func authorize(tenant: String, role: Role) throws -> Principal {
        guard let principal else { throw ServerError(.unauthorized, code: "unauthenticated", "an API key is required") }
        guard principal.tenant == tenant else {
            throw ServerError(.forbidden, code: "tenant-forbidden", "the API key does not belong to this tenant")
        }
        guard principal.role >= role else {
            throw ServerError(.forbidden, code: "role-forbidden", "this action needs the \(role.rawValue) role; the key has \(principal.role.rawValue)")
        }
        return principal
    }
}
