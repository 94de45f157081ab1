import Discovery
import EventLog
import Explain
import Foundation
import Hummingbird

/// Routes the web workspace needs beyond the stored results: who a key belongs to (`/me`), the process map as
/// a table for the same sliders as the SVG, and "why this bottleneck?" — the drivers of the waiting before one
/// activity with SHAP values, the longest-waiting cases and a counterfactual, computed on demand.
struct WorkspaceRoutes {
    let service: AnalysisService

    struct Me: Codable {
        var tenant: String
        var role: String
    }

    struct MapTable: Codable {
        struct Activity: Codable {
            var name: String
            var frequency: Int
            var meanWaitingSeconds: Double?
        }

        struct Path: Codable {
            var from: String
            var to: String
            var frequency: Int
            var meanSeconds: Double?
        }

        var cases: Int
        var totalActivities: Int
        var totalPaths: Int
        var activities: [Activity]
        var paths: [Path]
    }

    /// Drivers of the waiting before one activity, the slowest cases and what would have helped the slowest.
    struct BottleneckDrivers: Codable {
        var activity: String
        var explanation: ProcessExplanation
        var counterfactual: Counterfactual?
    }

    func register(_ table: inout RouteTable) {
        table.add(.get, "/me") { _, context in
            guard let principal = context.principal else {
                throw ServerError(.unauthorized, code: "unauthenticated", "an API key is required")
            }
            return try JSONResponse.make(Me(tenant: principal.tenant, role: principal.role.rawValue))
        }
        table.add(.get, "/tenants/{tenant}/analyses/{analysisId}/map") { request, context in
            let (tenant, id) = try ids(request, context)
            let status = try await service.status(tenant: tenant, id: id)
            let log = try await service.analysedLog(status, tenant: tenant)
            let map = ProcessMap(log: log, activityPercentage: try percentage(request, "activities", 100),
                                 pathPercentage: try percentage(request, "paths", 40))
            return try JSONResponse.make(MapTable(
                cases: map.caseCount, totalActivities: map.totalActivityCount, totalPaths: map.totalPathCount,
                activities: map.activities.map { .init(name: $0.name, frequency: $0.count, meanWaitingSeconds: $0.meanWaitingSeconds) },
                paths: map.paths.map { .init(from: map.name(of: $0.source), to: map.name(of: $0.target), frequency: $0.count, meanSeconds: $0.meanSeconds) }))
        }
        table.add(.get, "/tenants/{tenant}/analyses/{analysisId}/bottlenecks/{activity}") { request, context in
            let (tenant, id) = try ids(request, context)
            guard let activity = context.parameters.get("activity")?.removingPercentEncoding, !activity.isEmpty else {
                throw ServerError.notFound("activity")
            }
            let status = try await service.status(tenant: tenant, id: id)
            let log = try await service.analysedLog(status, tenant: tenant)
            guard LogStatistics(log).activities[activity] != nil else { throw ServerError.notFound("activity \(activity)") }
            let drivers = try DriverAnalysis(log: log, target: .waitingBefore(activity: activity))
            let explanation = ProcessExplanation(name: status.logID, drivers: drivers, bottlenecks: BottleneckRanking(PerformanceAnalysis(log)))
            return try JSONResponse.make(BottleneckDrivers(activity: activity, explanation: explanation,
                                                           counterfactual: CounterfactualSet(drivers, count: 1)?.cases.first))
        }
    }

    private func ids(_ request: Request, _ context: TracewiseRequestContext) throws -> (String, String) {
        let tenant = try request.id("tenant", context)
        _ = try context.authorize(tenant: tenant, role: .viewer)
        return (tenant, try request.id("analysisId", context))
    }

    private func percentage(_ request: Request, _ name: String, _ value: Double) throws -> Double {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let number = Double(text), (0...100).contains(number) else {
            throw ServerError.badRequest("\(name) must be a percentage 0...100", code: "invalid-query")
        }
        return number
    }
}
