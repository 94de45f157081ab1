import Foundation
import Metrics
import Packs

/// Per-tenant pipeline metrics, queryable as a ``MetricsSummary`` and also reported through swift-metrics
/// (dimensioned by tenant) so hosts that bootstrap a backend see them. The library never bootstraps one.
///
/// Each tenant's figures are kept apart; a summary is only ever built for one tenant. Recording takes a lock
/// (every exception records, so an actor hop per exception was a visible cost).
///
/// ```swift
/// let metrics = PipelineMetrics()
/// let pipeline = try await ExceptionPipeline(domain: domain, tenant: tenant, metrics: metrics)
/// _ = await pipeline.run(exceptions, runId: "run-1")
/// metrics.summary(tenantId: tenant.tenantId).autoResolutionRate
/// ```
public final class PipelineMetrics: @unchecked Sendable {
    /// Guards every stored property below.
    private let lock = NSLock()
    private var tenants: [String: TenantFigures] = [:]

    public init() {}

    func recordOutcome(tenantID: String, actionability: Actionability?, status: ResolutionStatus, playbookID: String?,
                       timeToResolve: Duration) {
        let counter = update(tenantID) { figures in
            figures.exceptions += 1
            if let actionability { figures.byActionability[actionability, default: 0] += 1 }
            figures.byStatus[status, default: 0] += 1
            if status == .resolved {
                figures.resolvedCount += 1
                figures.totalTimeToResolve += timeToResolve
            }
            if let playbookID, status == .resolved || status == .failed || status == .escalated {
                figures.playbooks[playbookID, default: MetricsSummary.PlaybookFigures()].runs += 1
                if status == .resolved { figures.playbooks[playbookID]!.successes += 1 }
            }
            return figures.exceptionCounter(status: status, tenantID: tenantID)
        }
        counter.increment()
    }

    func recordToolCall(tenantID: String, outcome: ToolCallOutcome) {
        let timer = update(tenantID) { figures in
            let name = outcome.tool.tool
            figures.tools[name, default: MetricsSummary.ToolFigures()].calls += 1
            figures.tools[name]!.retries += max(0, outcome.attempts - 1)
            if outcome.status == .failed || outcome.status == .refused { figures.tools[name]!.failures += 1 }
            figures.tools[name]!.totalLatency += outcome.latency.seconds
            return figures.toolTimer(tool: name, tenantID: tenantID)
        }
        timer.recordNanoseconds(outcome.latency.wholeNanoseconds)
    }

    /// Mutates a tenant's figures in place (no copy of their dictionaries), under the lock.
    private func update<Result>(_ tenantID: String, _ body: (inout TenantFigures) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&tenants[tenantID, default: TenantFigures()])
    }

    /// The tenant's figures; `approvalQueueAge` comes from the approval queue, as
    /// ``ExceptionPipeline/metricsSummary()`` passes it.
    public func summary(tenantID: String, approvalQueueAge: Duration = .zero) -> MetricsSummary {
        let figures = lock.withLock { tenants[tenantID] } ?? TenantFigures()
        let automatic = figures.byStatus[.resolved, default: 0]
        return MetricsSummary(
            tenantID: tenantID, exceptions: figures.exceptions,
            byActionability: Dictionary(uniqueKeysWithValues: figures.byActionability.map { ($0.key.rawValue, $0.value) }),
            byStatus: Dictionary(uniqueKeysWithValues: figures.byStatus.map { ($0.key.rawValue, $0.value) }),
            autoResolutionRate: figures.exceptions == 0 ? 0 : Double(automatic) / Double(figures.exceptions),
            meanSecondsToResolve: figures.resolvedCount == 0 ? nil : (figures.totalTimeToResolve / figures.resolvedCount).seconds,
            playbooks: figures.playbooks, tools: figures.tools, oldestPendingApprovalSeconds: approvalQueueAge.seconds)
    }

    private struct TenantFigures {
        var exceptions = 0
        var byActionability: [Actionability: Int] = [:]
        var byStatus: [ResolutionStatus: Int] = [:]
        var resolvedCount = 0
        var totalTimeToResolve = Duration.zero
        var playbooks: [String: MetricsSummary.PlaybookFigures] = [:]
        var tools: [String: MetricsSummary.ToolFigures] = [:]
        /// swift-metrics handles, made once: creating one goes through the global factory's lock.
        var exceptionCounters: [ResolutionStatus: Counter] = [:]
        var toolTimers: [String: Timer] = [:]

        mutating func exceptionCounter(status: ResolutionStatus, tenantID: String) -> Counter {
            if let counter = exceptionCounters[status] { return counter }
            let counter = Counter(label: "tracewise_exceptions_total", dimensions: [("tenant", tenantID), ("status", status.rawValue)])
            exceptionCounters[status] = counter
            return counter
        }

        mutating func toolTimer(tool: String, tenantID: String) -> Timer {
            if let timer = toolTimers[tool] { return timer }
            let timer = Timer(label: "tracewise_tool_latency", dimensions: [("tenant", tenantID), ("tool", tool)])
            toolTimers[tool] = timer
            return timer
        }
    }
}

/// One tenant's pipeline figures.
public struct MetricsSummary: Sendable, Codable, Hashable {
    public struct PlaybookFigures: Sendable, Codable, Hashable {
        public var runs = 0
        public var successes = 0
    }

    public struct ToolFigures: Sendable, Codable, Hashable {
        public var calls = 0
        public var retries = 0
        public var failures = 0
        public var totalLatency = 0.0
    }

    public var tenantID: String
    public var exceptions: Int
    public var byActionability: [String: Int]
    public var byStatus: [String: Int]
    /// Share of exceptions resolved with no human step.
    public var autoResolutionRate: Double
    /// Mean time to resolve (MTTR), seconds, over resolved exceptions.
    public var meanSecondsToResolve: Double?
    public var playbooks: [String: PlaybookFigures]
    public var tools: [String: ToolFigures]
    public var oldestPendingApprovalSeconds: Double

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case tenantID = "tenantId", exceptions, byActionability, byStatus, autoResolutionRate, meanSecondsToResolve, playbooks, tools, oldestPendingApprovalSeconds
    }
}
