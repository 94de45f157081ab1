import EventLog
import Foundation
import Logging
import PostgresNIO
import TracewisePostgres
import XCTest

/// A throw-away database on the server named by `TRACEWISE_POSTGRES_URL` (CI's `.ci/run` starts one on
/// loopback). Tests skip, printing why, when the variable is unset.
///
/// ```swift
/// let database = try await PostgresTestDatabase.create()
/// let store = try await PostgresStore(configuration: database.configuration)
/// defer { store.close(); Task { try? await database.drop() } }
/// ```
public struct PostgresTestDatabase: Sendable {
    public let configuration: PostgresStoreConfiguration
    public let name: String
    /// The database's URL (`TRACEWISE_POSTGRES_URL` with this database's name), for a `--postgres` option.
    public let url: String
    private let admin: PostgresStoreConfiguration

    /// Whether `TRACEWISE_POSTGRES_URL` names a server (tests that run on every store use it to add PostgreSQL).
    public static var isConfigured: Bool {
        !(ProcessInfo.processInfo.environment["TRACEWISE_POSTGRES_URL"] ?? "").isEmpty
    }

    /// Runs `body` with two stores on one fresh database — two processes sharing it — then closes both and drops the
    /// database (kept when `body` throws, for a look at what it left).
    public static func withTwoStores(_ body: (PostgresStore, PostgresStore) async throws -> Void) async throws {
        let database = try await create()
        let first = try await PostgresStore(configuration: database.configuration)
        let second = try await PostgresStore(configuration: database.configuration)
        defer {
            first.close()
            second.close()
        }
        try await body(first, second)
        try await database.drop()
    }

    /// Creates an empty database with a unique name.
    public static func create() async throws -> PostgresTestDatabase {
        guard let url = ProcessInfo.processInfo.environment["TRACEWISE_POSTGRES_URL"], !url.isEmpty else {
            print("SKIPPED: TRACEWISE_POSTGRES_URL is not set; PostgreSQL store tests not run")
            throw XCTSkip("TRACEWISE_POSTGRES_URL is not set: PostgreSQL store tests skipped")
        }
        let admin = try PostgresStoreConfiguration(url: url)
        let name = "tracewise_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await Self.execute("CREATE DATABASE \(name)", on: admin)
        var components = URLComponents(string: url)
        components?.path = "/" + name
        return PostgresTestDatabase(configuration: admin.with(database: name), name: String(name), url: components?.string ?? url, admin: admin)
    }

    /// Drops the database.
    public func drop() async throws {
        try await Self.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: admin)
    }

    /// Runs `body` with a plain connection to this database (no store, no tenant scope).
    public func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await Self.withConnection(to: configuration, body)
    }

    public static func execute(_ sql: String, on configuration: PostgresStoreConfiguration) async throws {
        try await withConnection(to: configuration) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test"))
            return ()
        }
    }

    public static func withConnection<T: Sendable>(to configuration: PostgresStoreConfiguration,
                                            _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await PostgresConnection.connect(
            configuration: .init(host: configuration.host, port: configuration.port, username: configuration.username,
                                 password: configuration.password, database: configuration.database, tls: .disable),
            id: 1, logger: Logger(label: "test"))
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
