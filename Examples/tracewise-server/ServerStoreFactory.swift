import Agents
import EventLog
import Foundation
import Packs
import TracewiseServer

/// Opens the stores the options name: files in the data folder for packs, approvals, audit and keys; the
/// event logs, results, exceptions and jobs in memory until the SQLite/PostgreSQL stores are wired.
enum ServerStoreFactory {
    static func make(_ options: StoreOptions, keysOnly: Bool = false) async throws -> ServerStores {
        let root = URL(fileURLWithPath: options.data, isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var stores = ServerStores.inMemory()
        stores.keys = try FileAPIKeyStore(directory: root)
        if keysOnly { return stores }
        stores.packs = FileSystemPackStore(root: root.appendingPathComponent("packs"))
        stores.approvals = try JSONLApprovalStore(directory: root.appendingPathComponent("approvals"))
        stores.audit = try DirectoryTenantAuditLog(directory: root.appendingPathComponent("audit"))
        return stores
    }
}
