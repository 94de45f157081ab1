import Agents
import EventLog
import Packs

/// The stores the API works on, injected by the host: in memory for tests, SQLite for one process,
/// PostgreSQL for many (see docs/server.md).
///
/// ```swift
/// let stores = ServerStores.inMemory()
/// let api = try TracewiseAPI(stores: stores)
/// let app = Application(router: api.makeRouter())
/// ```
public struct ServerStores: Sendable {
    public var logs: any EventLogStore
    public var results: any AnalysisResultStore
    public var exceptions: any ExceptionStore
    public var jobs: any JobQueue
    public var packs: any PackStore
    public var approvals: any ApprovalStore
    public var audit: any TenantAuditLog
    public var keys: any APIKeyStore
    /// The connectors' cursors and pull history (`POST /tenants/{t}/pulls`).
    public var sourceStates: any SourceStateStore

    public init(logs: any EventLogStore, results: any AnalysisResultStore, exceptions: any ExceptionStore, jobs: any JobQueue,
                packs: any PackStore, approvals: any ApprovalStore, audit: any TenantAuditLog, keys: any APIKeyStore,
                sourceStates: any SourceStateStore = InMemorySourceStateStore()) {
        self.logs = logs
        self.results = results
        self.exceptions = exceptions
        self.jobs = jobs
        self.packs = packs
        self.approvals = approvals
        self.audit = audit
        self.keys = keys
        self.sourceStates = sourceStates
    }

    /// Everything in memory: nothing survives the process.
    public static func inMemory() -> ServerStores {
        ServerStores(logs: InMemoryEventLogStore(), results: InMemoryAnalysisResultStore(), exceptions: InMemoryExceptionStore(),
                     jobs: InMemoryJobQueue(), packs: InMemoryPackStore(), approvals: InMemoryApprovalStore(),
                     audit: InMemoryTenantAuditLog(), keys: InMemoryAPIKeyStore())
    }
}
