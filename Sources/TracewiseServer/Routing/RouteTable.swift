import Foundation
import HTTPTypes
import Hummingbird

/// Registers the API's routes under their OpenAPI paths (`/tenants/{tenant}/logs`) and remembers them, so
/// the OpenAPI document can be checked against exactly what the router serves.
struct RouteTable {
    /// One registered route: its method and OpenAPI path.
    struct Route: Hashable, Sendable {
        var method: String
        var path: String
    }

    private let router: Router<TracewiseRequestContext>
    private(set) var routes: [Route] = []

    init(router: Router<TracewiseRequestContext>) {
        self.router = router
    }

    mutating func add(_ method: HTTPRequest.Method, _ path: String,
                      _ handler: @escaping @Sendable (Request, TracewiseRequestContext) async throws -> Response) {
        routes.append(Route(method: method.rawValue, path: path))
        router.on(RouterPath(Self.hummingbirdPath(path)), method: method, use: handler)
    }

    /// `{name}` segments become Hummingbird's `:name`.
    static func hummingbirdPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : segment
        }.joined(separator: "/")
    }
}

extension Request {
    /// A path parameter, checked by ``Identifier``.
    func id(_ name: String, _ context: TracewiseRequestContext) throws -> String {
        guard let value = context.parameters.get(name) else { throw ServerError.badRequest("missing \(name)") }
        return try Identifier.check(value.removingPercentEncoding ?? value, name)
    }
}
