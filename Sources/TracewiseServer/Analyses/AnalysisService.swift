import Agents
import EventLog
import Foundation

/// Analysis jobs: submission (onto the job queue), status with progress, cancellation, and the worker side
/// that claims `analysis` jobs and computes them off the request tasks.
///
/// A job's status lives in the result store (kind `analysisStatus`, keyed by the job id), so any process
/// sharing the stores can answer for it; this process also keeps the live status of the jobs it runs.
actor AnalysisService {
    static let jobKind = "analysis"

    private struct Key: Hashable {
        var tenant: String
        var id: String
    }

    private struct JobPayload: Codable {
        var tenant: String
        var id: String
        var logID: String
        var options: AnalysisOptions

        /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
        private enum CodingKeys: String, CodingKey {
            case tenant, id, logID = "logId", options
        }
    }

    private let stores: ServerStores
    let cache: LogCache
    private var live: [Key: AnalysisStatus] = [:]
    private var running: [Key: Task<Void, Never>] = [:]
    /// Jobs cancelled in this process, checked after every suspension that could have missed the cancellation.
    private var cancelled: Set<Key> = []

    /// The variants of the last few analyses paged, decoded once: a page of BPIC 2012's 4,366 variants would
    /// otherwise decode its whole statistics document on every request.
    private var variantLists: [(key: Key, variants: [Variant])] = []

    private let models: TenantLanguageModels
    private let signal: JobSignal

    init(stores: ServerStores, cache: LogCache, models: TenantLanguageModels, signal: JobSignal) {
        self.stores = stores
        self.cache = cache
        self.models = models
        self.signal = signal
    }

    // MARK: Requests

    func submit(tenant: String, logID: String, options: AnalysisOptions) async throws -> AnalysisStatus {
        guard (0...1).contains(options.noise) else {
            throw ServerError(.unprocessableContent, code: "invalid-options", "noise must be between 0 and 1")
        }
        if let sla = options.slaSeconds, !(sla > 0) {
            throw ServerError(.unprocessableContent, code: "invalid-options", "slaSeconds must be positive")
        }
        if options.explainTarget == .slaBreach, options.slaSeconds == nil {
            throw ServerError(.unprocessableContent, code: "invalid-options", "explainTarget sla needs slaSeconds",
                              errors: [.init(pointer: "/slaSeconds", code: "required", message: "the SLA the breaches are counted against")])
        }
        if let problems = options.filters?.problems(), !problems.isEmpty {
            throw ServerError(.unprocessableContent, code: "invalid-filters", "the filters are not valid", errors: problems)
        }
        guard let info = try await stores.logs.logs(tenant: tenant).first(where: { $0.name == logID }) else {
            throw ServerError.notFound("log \(logID)")
        }
        if case .waitingBefore(let activity) = options.explainTarget,
           !(try await cache.log(logID, tenant: tenant)).activityNames.contains(activity) {
            throw ServerError(.unprocessableContent, code: "invalid-options", "the log has no activity '\(activity)' to explain the waiting before",
                              errors: [.init(pointer: "/explainTarget", code: "unknown-activity", message: "no such activity in the log")])
        }
        if let domain = options.domain {
            _ = try await models.narrationModel(tenant: tenant, domain: try Identifier.check(domain, "domain"))
        }
        let id = logID + ".a" + Self.randomHex(6)
        let status = AnalysisStatus(id: id, logID: logID, logName: info.provenance.source?.location, status: .queued,
                                    progress: .init(phase: "queued", fraction: 0), options: options, error: nil, results: [])
        try await persist(status, tenant: tenant)
        let payload = try JSONEncoder().encode(JobPayload(tenant: tenant, id: id, logID: logID, options: options))
        _ = try await stores.jobs.enqueue([NewJob(tenantID: tenant, kind: Self.jobKind, payload: Array(payload), dedupeKey: id, maxAttempts: 2)])
        await signal.signal()
        return status
    }

    func status(tenant: String, id: String) async throws -> AnalysisStatus {
        if let status = live[Key(tenant: tenant, id: id)] { return status }
        guard let logID = Self.logID(of: id),
              let stored = try await stores.results.result(logName: logID, kind: ResultKind.statusKind, parameters: ["id": id], tenant: tenant)
        else { throw ServerError.notFound("analysis \(id)") }
        return try JSONResponse.decoder.decode(AnalysisStatus.self, from: Data(stored.payload))
    }

    /// Cancels a queued or running job; a finished one answers 409 `analysis-finished`.
    func cancel(tenant: String, id: String) async throws -> AnalysisStatus {
        var status = try await status(tenant: tenant, id: id)
        guard !status.status.isFinal else {
            throw ServerError(.conflict, code: "analysis-finished", "the analysis already \(status.status.rawValue)")
        }
        status.status = .cancelled
        cancelled.insert(Key(tenant: tenant, id: id))
        try await update(status, tenant: tenant)
        running[Key(tenant: tenant, id: id)]?.cancel()
        return status
    }

    /// The analyses of one log (or all), newest status first.
    func list(tenant: String, logID: String?) async throws -> [AnalysisStatus] {
        var logIDs = try await stores.logs.logs(tenant: tenant).map(\.name)
        if let logID { logIDs = logIDs.filter { $0 == logID } }
        var all: [AnalysisStatus] = []
        for log in logIDs {
            for result in try await stores.results.results(logName: log, tenant: tenant) where result.kind == ResultKind.statusKind {
                let stored = try JSONResponse.decoder.decode(AnalysisStatus.self, from: Data(result.payload))
                all.append(live[Key(tenant: tenant, id: stored.id)] ?? stored)
            }
        }
        return all.sorted { $0.id < $1.id }
    }

    /// The stored result of a finished phase.
    func result(_ kind: ResultKind, tenant: String, id: String) async throws -> (status: AnalysisStatus, payload: [UInt8]) {
        let status = try await status(tenant: tenant, id: id)
        guard let stored = try await stores.results.result(logName: status.logID, kind: kind.storeKind,
                                                           parameters: status.options.parameters, tenant: tenant),
              status.results.contains(kind.rawValue)
        else {
            if status.status == .succeeded { throw ServerError.notFound("result \(kind.rawValue) of analysis \(id)") }
            throw ServerError(.conflict, code: "result-not-ready",
                              "the analysis is \(status.status.rawValue) (\(status.progress.phase)); \(kind.rawValue) is not available")
        }
        return (status, stored.payload)
    }

    /// All variants of a finished statistics phase, most frequent first.
    func variants(tenant: String, id: String) async throws -> [Variant] {
        let key = Key(tenant: tenant, id: id)
        let status = try await status(tenant: tenant, id: id)
        if status.results.contains(ResultKind.stats.rawValue), let hit = variantLists.first(where: { $0.key == key }) { return hit.variants }
        let (_, payload) = try await result(.stats, tenant: tenant, id: id)
        // Decoded off the actor, so status polls are not held up meanwhile.
        let variants = try await Task.detached { try JSONResponse.decoder.decode(StatisticsSummary.self, from: Data(payload)).variants }.value
        variantLists.removeAll { $0.key == key }
        variantLists.append((key, variants))
        if variantLists.count > 4 { variantLists.removeFirst() }
        return variants
    }

    // MARK: Worker

    /// Runs one claimed analysis job to its end (success, failure or cancellation).
    func execute(_ job: ClaimedJob, worker: String) async {
        guard let payload = try? JSONDecoder().decode(JobPayload.self, from: Data(job.payload)), payload.tenant == job.tenantID else {
            _ = try? await stores.jobs.fail(job.id, worker: worker, error: "unreadable analysis job", retryAfter: .seconds(3600))
            return
        }
        let key = Key(tenant: payload.tenant, id: payload.id)
        guard var status = try? await status(tenant: payload.tenant, id: payload.id), status.status != .cancelled,
              !cancelled.contains(key) else {
            try? await stores.jobs.complete(job.id, worker: worker)
            return
        }
        let task = Task { await self.compute(payload, job: job, worker: worker) }
        running[key] = task
        status.status = .running
        live[key] = status
        await task.value
        running[key] = nil
        live[key] = nil
    }

    private func compute(_ payload: JobPayload, job: ClaimedJob, worker: String) async {
        let tenant = payload.tenant
        do {
            try await progress(payload, .loading, worker: worker, job: job)
            guard let info = try await stores.logs.logs(tenant: tenant).first(where: { $0.name == payload.logID }) else {
                throw ServerError.notFound("log \(payload.logID)")
            }
            let stored = try await cache.log(payload.logID, tenant: tenant)
            let log = try await cache.log(payload.logID, tenant: tenant, filters: payload.options.filters)
            guard log.caseCount > 0 else { throw ServerError(.unprocessableContent, code: "empty-selection", "the filters leave no case to analyse") }
            var provenance = info.provenance
            provenance.steps += log.provenance.steps.dropFirst(stored.provenance.steps.count)
            let model = try await models.narrationModel(tenant: tenant, domain: payload.options.domain)
            let computation = AnalysisComputation(results: stores.results, tenant: tenant, logID: payload.logID, info: info,
                                                  options: payload.options, model: model)
            try await computation.run(log, provenance: provenance) { phase in try await progress(payload, phase, worker: worker, job: job) }
            try await finish(payload, state: .succeeded, error: nil)
            try await stores.jobs.complete(job.id, worker: worker)
        } catch {
            let cancelled = error is CancellationError || Task.isCancelled
            try? await finish(payload, state: cancelled ? .cancelled : .failed, error: cancelled ? nil : Self.describe(error))
            try? await stores.jobs.complete(job.id, worker: worker)
        }
    }

    private func progress(_ payload: JobPayload, _ phase: AnalysisPhase, worker: String, job: ClaimedJob) async throws {
        try Task.checkCancellation()
        let key = Key(tenant: payload.tenant, id: payload.id)
        guard var status = live[key] else { throw CancellationError() }
        guard status.status != .cancelled, !cancelled.contains(key) else { throw CancellationError() }
        if let index = AnalysisPhase.allCases.firstIndex(of: phase), index > 0 {
            let done = AnalysisPhase.allCases[index - 1]
            status.progress = .init(phase: phase.rawValue, fraction: done.fractionWhenDone)
            status.results = try await availableResults(payload)
        } else {
            status.progress = .init(phase: phase.rawValue, fraction: 0)
        }
        status.status = .running
        try await update(status, tenant: payload.tenant)
        try await stores.jobs.heartbeat(job.id, worker: worker, lease: .seconds(300))
    }

    private func finish(_ payload: JobPayload, state: AnalysisStatus.State, error: String?) async throws {
        let key = Key(tenant: payload.tenant, id: payload.id)
        guard var status = live[key] else { return }
        if status.status == .cancelled, state == .succeeded { return }
        status.status = state
        status.error = error
        status.results = try await availableResults(payload)
        if state == .succeeded { status.progress = .init(phase: "done", fraction: 1) }
        try await update(status, tenant: payload.tenant)
    }

    private func availableResults(_ payload: JobPayload) async throws -> [String] {
        let stored = Set(try await stores.results.results(logName: payload.logID, tenant: payload.tenant)
            .filter { $0.parameters == payload.options.parameters }.map(\.kind))
        return ResultKind.allCases.filter { stored.contains($0.storeKind) }.map(\.rawValue)
    }

    private func update(_ status: AnalysisStatus, tenant: String) async throws {
        let key = Key(tenant: tenant, id: status.id)
        // A progress update computed across a suspension must not overwrite a cancellation made meanwhile.
        if live[key]?.status == .cancelled, status.status != .cancelled { return }
        if live[key] != nil || running[key] != nil { live[key] = status }
        try await persist(status, tenant: tenant)
    }

    private func persist(_ status: AnalysisStatus, tenant: String) async throws {
        let info = try await stores.logs.logs(tenant: tenant).first { $0.name == status.logID }
        try await stores.results.save(AnalysisResult(logName: status.logID, kind: ResultKind.statusKind, parameters: ["id": status.id],
                                                     logFingerprint: info?.fingerprint ?? "", provenance: info?.provenance ?? Provenance(),
                                                     payload: Array(try JSONResponse.encoder.encode(status))), tenant: tenant)
    }

    /// Job ids are `<log id>.a<hex>`.
    static func logID(of analysisID: String) -> String? {
        guard let range = analysisID.range(of: ".a", options: .backwards) else { return nil }
        let logID = String(analysisID[..<range.lowerBound])
        return logID.isEmpty ? nil : logID
    }

    static func randomHex(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case let error as ServerError: error.detail
        case let error as EventLogError: error.description
        default: String(describing: error).prefix(300).description
        }
    }
}

extension AnalysisService {
    /// The log an analysis looked at: the stored log restricted by the analysis's filters.
    func analysedLog(_ status: AnalysisStatus, tenant: String) async throws -> EventLog {
        try await cache.log(status.logID, tenant: tenant, filters: status.options.filters)
    }

    /// The stored result record (fingerprint and provenance included) of a finished phase.
    func storedResult(_ kind: ResultKind, status: AnalysisStatus, tenant: String) async throws -> AnalysisResult {
        guard let stored = try await stores.results.result(logName: status.logID, kind: kind.storeKind,
                                                           parameters: status.options.parameters, tenant: tenant)
        else { throw ServerError.notFound("result \(kind.rawValue) of analysis \(status.id)") }
        return stored
    }
}
