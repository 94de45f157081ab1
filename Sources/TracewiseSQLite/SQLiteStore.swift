import EventLog
import Foundation
import GRDB

/// Every Tracewise store in one SQLite database file: event logs, analysis results, exception outcomes and
/// the job queue — the embedded, durable default for one process (or a few on one machine).
///
/// Opening applies any pending migrations (``SQLiteSchema``). The database runs in WAL mode, so readers do
/// not block the writer; writes are serialized by SQLite. Every row carries its tenant and every statement
/// filters by it; the shared conformance suite checks that no call crosses tenants.
///
/// ```swift
/// let store = try SQLiteStore(path: "tracewise.sqlite")
/// let info = try await store.importLog(try EventLog(contentsOf: url), name: "claims", tenant: "acme")
/// let log = try await store.load("claims", tenant: "acme")
/// ```
public final class SQLiteStore: Sendable {
    let pool: DatabasePool
    let clock: @Sendable () -> Int64

    /// Opens (creating when absent) the database at `path` and migrates it.
    /// - Parameters:
    ///   - path: the database file.
    ///   - version: stop at this migration (one of ``SQLiteSchema/versions``); for upgrade tests.
    ///   - clock: UTC microseconds now; leases, retry times and timestamps use it.
    /// - Throws: `StoreError` with `unsupportedSchema` when the file was migrated by a
    ///   newer Tracewise, `backend` when it cannot be opened.
    public init(path: String, migratingUpTo version: String? = nil,
                clock: @escaping @Sendable () -> Int64 = StoreClock.nowMicroseconds) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = SQLiteSchema.migrator
            let known = Set(migrator.migrations)
            let applied = try pool.read { try migrator.appliedIdentifiers($0) }
            if let unknown = applied.first(where: { !known.contains($0) }) {
                throw StoreError(.unsupportedSchema, "the database has migration '\(unknown)' this build does not know")
            }
            if let version { try migrator.migrate(pool, upTo: version) } else { try migrator.migrate(pool) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.backend, "cannot open the SQLite store: \(error)")
        }
        self.clock = clock
    }

    /// The migrations applied to this database, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await run { db in try SQLiteSchema.migrator.appliedIdentifiers(db).sorted() }
    }

    /// Runs a write transaction, mapping database errors to ``StoreError``.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.backend, "SQLite: \(error)")
        }
    }

    /// Runs a read, mapping database errors to ``StoreError``.
    func run<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.backend, "SQLite: \(error)")
        }
    }
}
