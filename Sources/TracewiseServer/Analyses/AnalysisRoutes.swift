import Agents
import Discovery
import EventLog
import Explain
import Foundation
import Hummingbird

/// `/tenants/{tenant}/analyses…`: submit (202, runs on the job queue), status with progress, cancel, list,
/// and the results: statistics and DFG (the exact JSON of `tracewise stats|dfg --format json`), variants
/// (paged), the process map (SVG, with activity and path sliders), tree, net (PNML), BPMN, conformance,
/// drivers with SHAP values, counterfactuals, narratives per role, the HTML report and provenance (the log's
/// source and fingerprint, every filter applied with the cases and events it kept, and the options).
struct AnalysisRoutes {
    let service: AnalysisService

    /// The body of `POST …/analyses`: `logId` and the ``AnalysisOptions`` (each optional) side by side.
    struct Submission: Decodable {
        var logID: String
        var options: AnalysisOptions

        init(from decoder: any Decoder) throws {
            logID = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .logID)
            options = try AnalysisOptions(from: decoder)
        }

        /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
        private enum CodingKeys: String, CodingKey {
            case logID = "logId"
        }
    }

    struct VariantPage: Codable {
        var total: Int
        var offset: Int
        var limit: Int
        var variants: [Variant]
    }

    struct ProvenanceDocument: Codable {
        var analysisID: String
        var logID: String
        var logFingerprint: String
        var provenance: Provenance
        var options: AnalysisOptions
        var results: [String]

        /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
        private enum CodingKeys: String, CodingKey {
            case analysisID = "analysisId", logID = "logId", logFingerprint, provenance, options, results
        }
    }

    func register(_ table: inout RouteTable) {
        table.add(.post, "/tenants/{tenant}/analyses") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .operator)
            let submission = try await JSONResponse.decode(Submission.self, from: request, context: context)
            let logID = try Identifier.check(submission.logID, "logId")
            let status = try await service.submit(tenant: tenant, logID: logID, options: submission.options)
            return try JSONResponse.make(status, status: .accepted, headers: [.location: "/tenants/\(tenant)/analyses/\(status.id)"])
        }
        table.add(.get, "/tenants/{tenant}/analyses") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            let logID = try request.uri.queryParameters.get("logId").map { try Identifier.check($0, "logId") }
            return try JSONResponse.make(try await service.list(tenant: tenant, logID: logID))
        }
        table.add(.get, "/tenants/{tenant}/analyses/{analysisId}") { request, context in
            let (tenant, id) = try ids(request, context, .viewer)
            return try JSONResponse.make(try await service.status(tenant: tenant, id: id))
        }
        table.add(.delete, "/tenants/{tenant}/analyses/{analysisId}") { request, context in
            let (tenant, id) = try ids(request, context, .operator)
            return try JSONResponse.make(try await service.cancel(tenant: tenant, id: id))
        }
        for kind in [ResultKind.stats, .dfg, .tree, .conformance, .drivers, .counterfactuals, .narratives, .facts] {
            table.add(.get, "/tenants/{tenant}/analyses/{analysisId}/\(kind.rawValue)") { request, context in
                try await stored(kind, request, context)
            }
        }
        table.add(.get, "/tenants/{tenant}/analyses/{analysisId}/tree.ptml") { request, context in try await stored(.ptml, request, context) }
        table.add(.get, "/tenants/{tenant}/analyses/{analysisId}/net.pnml") { request, context in try await stored(.net, request, context) }
        table.add(.get, "/tenants/{tenant}/analyses/{analysisId}/model.bpmn") { request, context in try await stored(.bpmn, request, context) }
        table.add(.get, "/tenants/{tenant}/analyses/{analysisId}/report.html") { request, context in try await stored(.report, request, context) }
        table.add(.get, "/tenants/{tenant}/analyses/{analysisId}/narratives/{role}") { request, context in
            let (tenant, id) = try ids(request, context, .viewer)
            guard let role = context.parameters.get("role").flatMap({ NarrativeRole(rawValue: String($0)) }) else {
                throw ServerError.notFound("narrative role (analyst, coo, cfo, ceo)")
            }
            let (_, payload) = try await service.result(.narratives, tenant: tenant, id: id)
            let narratives = try JSONResponse.decoder.decode([Narrative].self, from: Data(payload))
            guard let narrative = narratives.first(where: { $0.role == role }) else { throw ServerError.notFound("narrative \(role.rawValue)") }
            return try JSONResponse.make(narrative)
        }
        table.add(.get, "/tenants/{tenant}/analyses/{analysisId}/variants") { request, context in
            let (tenant, id) = try ids(request, context, .viewer)
            let offset = try bounded(request, "offset", default: 0, range: 0...Int.max)
            let limit = try bounded(request, "limit", default: 50, range: 1...1_000)
            let variants = try await service.variants(tenant: tenant, id: id)
            let page = Array(variants.dropFirst(offset).prefix(limit))
            return try JSONResponse.make(VariantPage(total: variants.count, offset: offset, limit: limit, variants: page))
        }
        table.add(.get, "/tenants/{tenant}/analyses/{analysisId}/map.svg") { request, context in
            let (tenant, id) = try ids(request, context, .viewer)
            let activities = try percentage(request, "activities", default: 100)
            let paths = try percentage(request, "paths", default: 40)
            let (status, payload) = try await service.result(.map, tenant: tenant, id: id)
            if activities == 100, paths == 40 { return JSONResponse.bytes(payload, contentType: ResultKind.map.contentType) }
            let log = try await service.analysedLog(status, tenant: tenant)
            let map = ProcessMap(log: log, activityPercentage: activities, pathPercentage: paths)
            return JSONResponse.bytes(Array(ProcessMapSVGRenderer(xmlDeclaration: false).svg(for: map).utf8), contentType: ResultKind.map.contentType)
        }
        table.add(.get, "/tenants/{tenant}/analyses/{analysisId}/provenance") { request, context in
            let (tenant, id) = try ids(request, context, .viewer)
            let (status, _) = try await service.result(.stats, tenant: tenant, id: id)
            let stored = try await service.storedResult(.stats, status: status, tenant: tenant)
            return try JSONResponse.make(ProvenanceDocument(analysisID: id, logID: status.logID, logFingerprint: stored.logFingerprint,
                                                            provenance: stored.provenance, options: status.options, results: status.results))
        }
    }

    private func stored(_ kind: ResultKind, _ request: Request, _ context: TracewiseRequestContext) async throws -> Response {
        let (tenant, id) = try ids(request, context, .viewer)
        let (_, payload) = try await service.result(kind, tenant: tenant, id: id)
        return JSONResponse.bytes(payload, contentType: kind.contentType)
    }

    private func ids(_ request: Request, _ context: TracewiseRequestContext, _ role: Role) throws -> (String, String) {
        let tenant = try request.id("tenant", context)
        _ = try context.authorize(tenant: tenant, role: role)
        return (tenant, try request.id("analysisId", context))
    }

    private func bounded(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ServerError.badRequest("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound)", code: "invalid-query")
        }
        return number
    }

    private func percentage(_ request: Request, _ name: String, default value: Double) throws -> Double {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let number = Double(text), (0...100).contains(number) else {
            throw ServerError.badRequest("\(name) must be a percentage 0...100", code: "invalid-query")
        }
        return number
    }
}

