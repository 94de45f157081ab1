import EventLog
import Foundation
import Logging
import PostgresNIO

/// Every Tracewise store in one PostgreSQL database: event logs (ingested with `COPY`), analysis results,
/// exception outcomes and a job queue that many worker processes on many machines share
/// (`FOR UPDATE SKIP LOCKED`).
///
/// Tenant isolation is enforced by the database: every tenant table has row-level security, and each
/// tenant-scoped call runs in a transaction that switches to the `tracewise_tenant` role (which cannot bypass
/// the policies) and sets `tracewise.tenant`; a query in that transaction sees and writes only that
/// tenant's rows, whatever its SQL says. Opening applies pending migrations under an advisory lock, so
/// several processes may start at once.
///
/// ```swift
/// let store = try await PostgresStore(url: "postgres://tracewise@127.0.0.1:5432/tracewise")
/// defer { store.close() }
/// let info = try await store.importLog(log, name: "claims", tenant: "acme")
/// ```
public final class PostgresStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    let clock: @Sendable () -> Int64
    private let runner: Task<Void, Never>
    public let configuration: PostgresStoreConfiguration

    /// Connects to the database at `url` and migrates it.
    /// - Parameters:
    ///   - url: `postgres://user:password@host:port/database[?sslmode=…]`.
    ///   - version: stop at this migration (one of ``PostgresSchema/versions``); for upgrade tests.
    ///   - maximumConnections: the most connections the pool opens.
    ///   - clock: UTC microseconds now; leases, retry times and timestamps use it.
    /// - Throws: `StoreError` (`backend` when the server cannot be reached, `unsupportedSchema` when a newer
    ///   Tracewise migrated the database).
    public convenience init(url: String, migratingUpTo version: String? = nil, maximumConnections: Int = 8,
                            clock: @escaping @Sendable () -> Int64 = StoreClock.nowMicroseconds) async throws {
        try await self.init(configuration: PostgresStoreConfiguration(url: url, maximumConnections: maximumConnections),
                            migratingUpTo: version, clock: clock)
    }

    /// Connects with `configuration` and migrates the database.
    public init(configuration: PostgresStoreConfiguration, migratingUpTo version: String? = nil,
                clock: @escaping @Sendable () -> Int64 = StoreClock.nowMicroseconds) async throws {
        var logger = Logger(label: "tracewise.postgres")
        logger.logLevel = .error
        self.logger = logger
        self.configuration = configuration
        self.clock = clock
        let client = PostgresClient(configuration: configuration.clientConfiguration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
        do {
            try await PostgresSchema.migrate(self, upTo: version)
        } catch {
            runner.cancel()
            throw Self.storeError(error)
        }
    }

    /// Closes every connection. The store cannot be used afterwards.
    public func close() {
        runner.cancel()
    }

    /// The migrations applied to this database, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await withConnection { connection in
            var versions: [String] = []
            for try await version in try await connection.query("SELECT version FROM tracewise_migrations ORDER BY version",
                                                                 logger: self.logger).decode(String.self) {
                versions.append(version)
            }
            return versions
        }
    }

    /// Runs `body` in a transaction scoped to `tenant`: role `tracewise_tenant` and `tracewise.tenant` set, so
    /// row-level security confines every statement to the tenant's rows.
    func tenantTransaction<T: Sendable>(_ tenant: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try StoreError.validate(tenant, as: "tenant")
        return try await transaction { connection in
            try await Self.scope(connection, to: tenant, logger: self.logger)
            return try await body(connection)
        }
    }

    /// Runs `body` in a transaction as the store's own role (for the job queue, which spans tenants).
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection { connection in
            _ = try await connection.execute(PostgresPrepared.Begin(), logger: self.logger)
            do {
                let result = try await body(connection)
                _ = try await connection.execute(PostgresPrepared.Commit(), logger: self.logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
        }
    }

    /// Scopes the transaction on `connection` to `tenant` (role `tracewise_tenant`, `tracewise.tenant` set).
    static func scope(_ connection: PostgresConnection, to tenant: String, logger: Logger) async throws {
        for try await _ in try await connection.execute(PostgresPrepared.ScopeToTenant(tenant: tenant), logger: logger) {}
    }

    /// Leases a connection, mapping errors to ``StoreError``.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// A ``StoreError`` for any error, keeping store errors as they are; server messages name the SQLSTATE.
    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PSQLError {
            if let code = error.serverInfo?[.sqlState], let message = error.serverInfo?[.message] {
                return StoreError(.backend, "PostgreSQL \(code): \(message)")
            }
            return StoreError(.backend, "PostgreSQL: \(error.code)")
        }
        return StoreError(.backend, "PostgreSQL: \(error)")
    }
}

extension ByteBuffer {
    /// The readable bytes as an array.
    var bytes: [UInt8] { Array(readableBytesView) }
}
