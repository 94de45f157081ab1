import Foundation

/// The service's limits and switches. The defaults suit one process on a laptop; docs/server.md explains each.
public struct ServerConfiguration: Sendable {
    /// The largest upload body, compressed as sent (413 `log-too-large` beyond).
    public var maxUploadBytes: Int = 256 * 1024 * 1024
    /// The largest inflated size of a gzip upload (413 `inflated-too-large`).
    public var maxInflatedBytes: Int = 2 * 1024 * 1024 * 1024
    /// The largest ratio inflated/compressed of a gzip upload (413 `inflate-ratio-exceeded`); honest XES
    /// compresses 10–40×, gzip bombs 1000×.
    public var maxInflateRatio: Int = 200
    /// Per API key: burst size and sustained requests per second (429 with `Retry-After` beyond).
    public var rateLimitBurst: Int = 200
    public var rateLimitPerSecond: Double = 100
    /// `POST /run` runs synchronously up to this many exceptions (413 `batch-too-large` beyond; submit them
    /// with `POST /exceptions/{tenantId}` instead).
    public var synchronousRunLimit: Int = 1_000
    /// The most exceptions `POST /exceptions/{tenantId}` holds accepted but unfinished in this process
    /// (503 `overloaded` with `Retry-After` beyond): backpressure instead of an unbounded queue.
    public var maxInFlightExceptions: Int = 10_000
    /// Where uploads are spooled while they are checked and parsed.
    public var spoolDirectory: URL = FileManager.default.temporaryDirectory
    /// The folder of static files served at `/` (the web UI), or nil to serve none.
    public var staticDirectory: String?
    /// Job-worker loops for analyses in this process. Every loop takes the oldest due job of either kind, so
    /// this plus ``exceptionConcurrency`` bounds the jobs (analyses and exception batches) run at once.
    public var analysisConcurrency: Int = 1
    /// Job-worker loops added for exception batches (`POST /exceptions/{tenantId}` jobs).
    public var exceptionConcurrency: Int = 2
    /// How long `POST /exceptions/{tenantId}/approvals/{id}/decision` waits for the resume job it queued to store the
    /// resumed outcome (200 with it); past this the route answers 202 with the job and where to poll, and the job
    /// still runs. Only with a work store (``ServerStores/work``).
    public var decisionWait: Duration = .seconds(20)
    /// How often the job worker expires overdue approval requests and queues the resume job of decisions whose job
    /// was lost (``ExceptionWorkStore/expireOverdueApprovals(now:limit:)``); it also does once when it starts.
    /// Only with a work store (``ServerStores/work``).
    public var approvalSweep: Duration = .seconds(10)
    /// Renders the process's metrics in the Prometheus text format for `GET /metrics`. The library never
    /// bootstraps a metrics backend: the host does (the example executable uses swift-prometheus).
    public var prometheusText: (@Sendable () async -> String)?
    /// Where the language-model endpoints and keys a tenant's policy pack may select are read from
    /// (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`, `OLLAMA_HOST`; see
    /// docs/models.md): the process environment by default, never a pack.
    public var modelEnvironment: [String: String] = ProcessInfo.processInfo.environment
    /// Where the business systems' base URLs and credentials for `POST /tenants/{t}/pulls` are read from
    /// (`JIRA_BASE_URL`, `JIRA_EMAIL`, `JIRA_API_TOKEN`, …, each overridable per tenant as
    /// `TRACEWISE_<TENANT>_<VARIABLE>`; see docs/connectors.md): the process environment by default, never a request.
    public var connectorEnvironment: [String: String] = ProcessInfo.processInfo.environment

    public init() {}
}
