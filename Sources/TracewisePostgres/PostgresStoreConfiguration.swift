import EventLog
import Foundation
import PostgresNIO

/// Where a ``PostgresStore`` connects, parsed from a `postgres://user:password@host:port/database` URL
/// (`postgresql://` too). The query item `sslmode` takes `disable`, `prefer` (the default) or `require`.
///
/// The password is kept for the connection only; ``description`` never shows it.
public struct PostgresStoreConfiguration: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    /// Sent to the server only; ``description`` omits it.
    public var password: String?
    public var database: String
    public var tlsMode: String
    /// The most connections the store's pool opens.
    public var maximumConnections: Int

    /// Parses `url`.
    /// - Throws: `StoreError` with `invalidArgument` for a URL that is not a PostgreSQL URL.
    public init(url: String, maximumConnections: Int = 8) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw StoreError(.invalidArgument, "a PostgreSQL store URL starts with postgres:// or postgresql://")
        }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = components.port ?? 5432
        username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? username : path
        tlsMode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        guard ["disable", "prefer", "require"].contains(tlsMode) else {
            throw StoreError(.invalidArgument, "sslmode must be disable, prefer or require")
        }
        self.maximumConnections = max(1, maximumConnections)
    }

    /// The same server and credentials with another database.
    public func with(database: String) -> PostgresStoreConfiguration {
        var copy = self
        copy.database = database
        return copy
    }

    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch tlsMode {
        case "disable": tls = .disable
        case "require": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                         database: database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        return configuration
    }
}
