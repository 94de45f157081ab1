import Agents
import ArgumentParser
import EventLog
import Packs
import TracewisePostgres
import TracewiseSQLite

/// Where `--store` points: `sqlite:PATH` (one database file) or a `postgres://` / `postgresql://` URL.
enum StoreLocation: ExpressibleByArgument, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    init?(argument: String) {
        if argument.hasPrefix("sqlite:") {
            let path = String(argument.dropFirst("sqlite:".count))
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
        } else if argument.hasPrefix("postgres://") || argument.hasPrefix("postgresql://") {
            self = .postgres(url: argument)
        } else {
            return nil
        }
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// Never shows a password.
    var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url):
            (try? PostgresStoreConfiguration(url: url)).map { "\($0)" } ?? "postgres://…"
        }
    }

    /// Opens the store, applying pending migrations.
    func open() async throws -> OpenedStore {
        switch self {
        case .sqlite(let path): .sqlite(try SQLiteStore(path: path))
        case .postgres(let url): .postgres(try await PostgresStore(url: url))
        }
    }
}

/// An open store of either kind, with every store protocol it implements.
enum OpenedStore {
    case sqlite(SQLiteStore)
    case postgres(PostgresStore)

    var work: any ExceptionWorkStore {
        switch self {
        case .sqlite(let store): store
        case .postgres(let store): store
        }
    }

    var sourceStates: any SourceStateStore {
        switch self {
        case .sqlite(let store): store
        case .postgres(let store): store
        }
    }

    var memory: any MemoryStore {
        switch self {
        case .sqlite(let store): store
        case .postgres(let store): store
        }
    }

    var packs: any PackStore {
        switch self {
        case .sqlite(let store): store
        case .postgres(let store): store
        }
    }

    var logs: any EventLogStore {
        switch self {
        case .sqlite(let store): store
        case .postgres(let store): store
        }
    }

    func close() {
        if case .postgres(let store) = self { store.close() }
    }
}
