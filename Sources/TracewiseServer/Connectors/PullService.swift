import Agents
import EventLog
import Foundation
import TracewiseConnectors

/// Pulls from business systems as jobs: submission (onto the job queue, kind `connector-pull`), status, and the
/// worker side that runs the connector, keeps its cursor in the stores, stores the log and starts its analysis.
///
/// Statuses live in the result store (kind `pullStatus` under the reserved log name `~pulls`, which no log id
/// can take), so any process sharing the stores answers for any pull. Each pull continues from the tenant's
/// stored cursor for that source and stores the combined log of every pull so far (docs/connectors.md), so
/// the newest log is always the whole extraction.
actor PullService {
    static let jobKind = "connector-pull"
    private static let statusLog = "~pulls"
    private static let statusKind = AnalysisResult.Kind(rawValue: "pullStatus")

    private struct JobPayload: Codable {
        var tenant: String
        var id: String
        var request: PullRequest
        var window: PullWindow
    }

    private let stores: ServerStores
    private let settings: ConnectorSettings
    private let analyses: AnalysisService
    private let signal: JobSignal

    init(stores: ServerStores, settings: ConnectorSettings, analyses: AnalysisService, signal: JobSignal) {
        self.stores = stores
        self.settings = settings
        self.analyses = analyses
        self.signal = signal
    }

    // MARK: Requests

    func submit(tenant: String, request: PullRequest) async throws -> PullStatus {
        var problems: [ProblemDetails.FieldError] = []
        let from = SourceTimestamp.microseconds(request.from)
        let to = SourceTimestamp.microseconds(request.to)
        if from == nil { problems.append(.init(pointer: "/from", code: "invalid-date", message: "an ISO 8601 date or date-time")) }
        if to == nil { problems.append(.init(pointer: "/to", code: "invalid-date", message: "an ISO 8601 date or date-time")) }
        if let name = request.name, name.isEmpty || name.utf8.count > 255 || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append(.init(pointer: "/name", code: "invalid-name", message: "1-255 bytes without control characters"))
        }
        guard problems.isEmpty, let from, let to else {
            throw ServerError(.unprocessableContent, code: "invalid-pull", "the pull request is not valid", errors: problems)
        }
        guard let window = try? PullWindow(from: from, to: to) else {
            throw ServerError(.unprocessableContent, code: "invalid-pull", "the window must end after it starts",
                              errors: [.init(pointer: "/to", code: "before-from", message: "after from")])
        }
        _ = try settings.resolve(request.source, tenant: tenant)
        let id = "pull-" + AnalysisService.randomHex(6)
        let status = PullStatus(id: id, source: request.source, from: window.fromISO, to: window.toISO,
                                name: request.name ?? "\(request.source.rawValue) \(window.fromISO)–\(window.toISO)",
                                status: .queued, createdAt: SourceTimestamp.iso8601(StoreClock.nowMicroseconds()))
        try await persist(status, tenant: tenant)
        let payload = try JSONEncoder().encode(JobPayload(tenant: tenant, id: id, request: request, window: window))
        _ = try await stores.jobs.enqueue([NewJob(tenantID: tenant, kind: Self.jobKind, payload: Array(payload), dedupeKey: id, maxAttempts: 1)])
        await signal.signal()
        return status
    }

    func status(tenant: String, id: String) async throws -> PullStatus {
        guard let stored = try await stores.results.result(logName: Self.statusLog, kind: Self.statusKind, parameters: ["id": id], tenant: tenant) else {
            throw ServerError.notFound("pull \(id)")
        }
        return try JSONDecoder().decode(PullStatus.self, from: Data(stored.payload))
    }

    /// The tenant's pulls, newest first.
    func list(tenant: String) async throws -> [PullStatus] {
        try await stores.results.results(logName: Self.statusLog, tenant: tenant)
            .filter { $0.kind == Self.statusKind }
            .map { try JSONDecoder().decode(PullStatus.self, from: Data($0.payload)) }
            .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    // MARK: Worker

    /// Runs one claimed pull job to its end; a failed pull is recorded with its reason and not retried (the
    /// connectors retry what is worth retrying within the pull, and the cursor keeps every complete page).
    func execute(_ job: ClaimedJob, worker: String) async {
        guard let payload = try? JSONDecoder().decode(JobPayload.self, from: Data(job.payload)), payload.tenant == job.tenantID,
              var status = try? await status(tenant: payload.tenant, id: payload.id) else {
            _ = try? await stores.jobs.fail(job.id, worker: worker, error: "unreadable pull job", retryAfter: .seconds(3600))
            return
        }
        let tenant = payload.tenant
        do {
            status.status = .running
            try await persist(status, tenant: tenant)
            let (baseURL, environment) = try settings.resolve(payload.request.source, tenant: tenant)
            let connector = try payload.request.source.connector(baseURL: baseURL, environment: environment)
            let runner = PullRunner(options: PullOptions(lenient: payload.request.lenient ?? false))
            let result = try await runner.run(connector, window: payload.window, tenant: tenant,
                                              store: StoredPullStateStore(stores.sourceStates))
            var log = result.log
            log.provenance.source?.location = status.name
            let logID = "log-" + AnalysisService.randomHex(6)
            _ = try await stores.logs.importLog(log, name: logID, tenant: tenant)
            status.logID = logID
            status.report = result.report
            if payload.request.analyze ?? true, log.caseCount > 0 {
                status.analysisID = try await analyses.submit(tenant: tenant, logID: logID, options: AnalysisOptions()).id
            }
            status.status = .succeeded
            try await persist(status, tenant: tenant)
        } catch {
            status.status = .failed
            status.error = Self.describe(error)
            try? await persist(status, tenant: tenant)
        }
        try? await stores.jobs.complete(job.id, worker: worker)
    }

    private func persist(_ status: PullStatus, tenant: String) async throws {
        try await stores.results.save(AnalysisResult(logName: Self.statusLog, kind: Self.statusKind, parameters: ["id": status.id],
                                                     logFingerprint: status.report?.fingerprint ?? "", provenance: Provenance(),
                                                     payload: Array(try JSONResponse.encoder.encode(status))), tenant: tenant)
    }

    /// Connector and server errors describe themselves without credentials; anything else by its type only.
    private static func describe(_ error: any Error) -> String {
        switch error {
        case let error as ConnectorError: error.description
        case let error as ServerError: error.detail
        case let error as StoreError: error.description
        default: "the pull failed (\(type(of: error)))"
        }
    }
}
