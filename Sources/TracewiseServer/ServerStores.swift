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
    /// The database behind ``jobs``, ``exceptions`` and ``approvals`` as an ``ExceptionWorkStore`` (`SQLiteStore`,
    /// `PostgresStore`), or nil. With it, the pipelines record each approval request with its pack bundle, a decision
    /// queues an `exception-resume` job (as `tracewise approvals decide` does) that the job worker runs with
    /// ``ExceptionWorker``'s code, and the job worker sweeps approvals whose resume job was lost or whose deadline
    /// passed. Without it (the in-memory stores) a decision resumes the exception in the deciding request.
    public var work: (any ExceptionWorkStore)?

    public init(logs: any EventLogStore, results: any AnalysisResultStore, exceptions: any ExceptionStore, jobs: any JobQueue,
                packs: any PackStore, approvals: any ApprovalStore, audit: any TenantAuditLog, keys: any APIKeyStore,
                sourceStates: any SourceStateStore = InMemorySourceStateStore(), work: (any ExceptionWorkStore)? = nil) {
        self.logs = logs
        self.results = results
        self.exceptions = exceptions
        self.jobs = jobs
        self.packs = packs
        self.approvals = approvals
        self.audit = audit
        self.keys = keys
        self.sourceStates = sourceStates
        self.work = work
    }

    /// Every store protocol one database implements for the service, as `SQLiteStore` and `PostgresStore` do.
    public typealias Database = EventLogStore & AnalysisResultStore & SourceStateStore & PackStore & AuditChainStore & APIKeyStore
        & ExceptionWorkStore

    /// Every store on one database — logs, results, exceptions, jobs, packs, approvals, the tenants' audit chains
    /// (``StoredTenantAuditLog``), API keys, cursors — with it as the ``work`` store too: what `tracewise-server` opens.
    ///
    /// ```swift
    /// let api = TracewiseAPI(stores: ServerStores(database: try await PostgresStore(url: url)))
    /// ```
    public init(database: any Database) {
        self.init(logs: database, results: database, exceptions: database, jobs: database, packs: database, approvals: database,
                  audit: StoredTenantAuditLog(store: database), keys: database, sourceStates: database, work: database)
    }

    /// Everything in memory: nothing survives the process.
    public static func inMemory() -> ServerStores {
        ServerStores(logs: InMemoryEventLogStore(), results: InMemoryAnalysisResultStore(), exceptions: InMemoryExceptionStore(),
                     jobs: InMemoryJobQueue(), packs: InMemoryPackStore(), approvals: InMemoryApprovalStore(),
                     audit: InMemoryTenantAuditLog(), keys: InMemoryAPIKeyStore())
    }
}
