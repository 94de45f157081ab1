import EventLog
import Foundation
import Logging
import PostgresNIO
import TracewisePostgres
import XCTest

/// A throw-away database on the server named by `TRACEWISE_POSTGRES_URL` (CI's `.ci/run` starts one on
/// loopback). Tests skip, printing why, when the variable is unset.
struct PostgresTestDatabase {
    let configuration: PostgresStoreConfiguration
    let name: String
    private let admin: PostgresStoreConfiguration

    /// Creates an empty database with a unique name.
    static func create() async throws -> PostgresTestDatabase {
        guard let url = ProcessInfo.processInfo.environment["TRACEWISE_POSTGRES_URL"], !url.isEmpty else {
            print("SKIPPED: TRACEWISE_POSTGRES_URL is not set; PostgreSQL store tests not run")
            throw XCTSkip("TRACEWISE_POSTGRES_URL is not set: PostgreSQL store tests skipped")
        }
        let admin = try PostgresStoreConfiguration(url: url)
        let name = "tracewise_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await Self.execute("CREATE DATABASE \(name)", on: admin)
        return PostgresTestDatabase(configuration: admin.with(database: name), name: String(name), admin: admin)
    }

    /// Drops the database.
    func drop() async throws {
        try await Self.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: admin)
    }

    /// Runs `body` with a plain connection to this database (no store, no tenant scope).
    func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await Self.withConnection(to: configuration, body)
    }

    static func execute(_ sql: String, on configuration: PostgresStoreConfiguration) async throws {
        try await withConnection(to: configuration) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test"))
            return ()
        }
    }

    static func withConnection<T: Sendable>(to configuration: PostgresStoreConfiguration,
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
