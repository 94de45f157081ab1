import Agents
import Foundation
import Hummingbird
import Logging
import Packs
import ServiceLifecycle

/// The Tracewise service as a Hummingbird router a host mounts in its own application: multi-tenant REST
/// over the injected stores, API keys with roles, analysis jobs on the job queue, the exception pipeline
/// with approvals and SSE, packs admin, health and metrics. Run ``services`` beside the application so jobs
/// are worked off and drained on shutdown.
///
/// ```swift
/// let api = TracewiseAPI(stores: .inMemory())
/// let app = Application(router: api.makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
/// app.addServices(api.services)
/// try await app.runService()
/// ```
public struct TracewiseAPI: Sendable {
    public let stores: ServerStores
    public let configuration: ServerConfiguration
    let analyses: AnalysisService
    let exceptions: ExceptionService
    let pulls: PullService
    let signal: JobSignal
    let logger: Logger

    public init(stores: ServerStores, configuration: ServerConfiguration = ServerConfiguration(),
                logger: Logger = Logger(label: "tracewise.server")) {
        self.stores = stores
        self.configuration = configuration
        self.logger = logger
        let registry = PackRegistry(store: stores.packs)
        let models = TenantLanguageModels(registry: registry, environment: configuration.modelEnvironment)
        signal = JobSignal()
        analyses = AnalysisService(stores: stores, cache: LogCache(logs: stores.logs), models: models, signal: signal)
        exceptions = ExceptionService(stores: stores, registry: registry, models: models, signal: signal,
                                      maxInFlight: configuration.maxInFlightExceptions)
        pulls = PullService(stores: stores, settings: ConnectorSettings(environment: configuration.connectorEnvironment),
                            analyses: analyses, signal: signal)
    }

    /// A router with every route of the API, the static web UI (when configured), problem+json errors and
    /// authentication.
    public func makeRouter() -> Router<TracewiseRequestContext> {
        let router = Router(context: TracewiseRequestContext.self)
        _ = addRoutes(to: router)
        return router
    }

    /// Adds the API's middleware and routes to `router`; returns the routes as OpenAPI method/path pairs.
    @discardableResult
    public func addRoutes(to router: Router<TracewiseRequestContext>) -> [(method: String, path: String)] {
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        if let directory = configuration.staticDirectory {
            router.add(middleware: FileMiddleware(directory, searchForIndexHtml: true, logger: logger))
        }
        router.add(middleware: AuthenticationMiddleware(
            keys: stores.keys, limiter: TokenBucketLimiter(capacity: configuration.rateLimitBurst, ratePerSecond: configuration.rateLimitPerSecond),
            audit: stores.audit))
        var table = RouteTable(router: router)
        OperationRoutes(stores: stores, configuration: configuration).register(&table)
        LogRoutes(stores: stores, cache: analyses.cache, spool: UploadSpool(configuration: configuration)).register(&table)
        AnalysisRoutes(service: analyses).register(&table)
        PullRoutes(service: pulls).register(&table)
        WorkspaceRoutes(service: analyses).register(&table)
        ExceptionRoutes(service: exceptions, configuration: configuration).register(&table, stores: stores)
        PackRoutes(registry: exceptions.registry, store: stores.packs).register(&table)
        return table.routes.map { ($0.method, $0.path) }
    }

    /// The background service to run beside the HTTP server: the job worker, which runs analyses and exception
    /// batches off the request tasks and, on graceful shutdown, stops claiming and finishes the jobs it holds
    /// (jobs still queued stay in the store for the next start).
    public var services: [any Service] {
        [JobWorker(jobs: stores.jobs, analyses: analyses, exceptions: exceptions, pulls: pulls, signal: signal,
                   concurrency: configuration.analysisConcurrency + configuration.exceptionConcurrency, approvalSweep: configuration.approvalSweep,
                   name: "server-\(ProcessInfo.processInfo.processIdentifier)-\(AnalysisService.randomHex(3))", logger: logger)]
    }
}
