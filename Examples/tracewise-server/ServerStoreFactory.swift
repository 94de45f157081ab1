import Agents
import EventLog
import Foundation
import Packs
import TracewiseServer
import TracewiseSQLite

/// Opens the stores the options name: event logs, analysis results, exceptions and the job queue in one SQLite
/// database in the data folder (`tracewise.sqlite`); packs, approvals, audit chains and API keys as files beside it.
enum ServerStoreFactory {
    static func make(_ options: StoreOptions, keysOnly: Bool = false) async throws -> ServerStores {
        let root = URL(fileURLWithPath: options.data, isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var stores = ServerStores.inMemory()
        stores.keys = try FileAPIKeyStore(directory: root)
        if keysOnly { return stores }
        if options.postgres != nil {
            throw StoreError(.invalidArgument, "--postgres is not available in this build yet: the PostgreSQL stores have not landed; use --data")
        }
        let database = try SQLiteStore(path: root.appendingPathComponent("tracewise.sqlite").path)
        stores.logs = database
        stores.results = database
        stores.exceptions = database
        stores.jobs = database
        stores.packs = FileSystemPackStore(root: root.appendingPathComponent("packs"))
        stores.approvals = try JSONLApprovalStore(directory: root.appendingPathComponent("approvals"))
        stores.audit = try DirectoryTenantAuditLog(directory: root.appendingPathComponent("audit"))
        return stores
    }
}
