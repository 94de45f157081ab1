import EventLog
import Foundation
import Hummingbird

/// `/tenants/{tenant}/logs…`: upload (streamed, size and inflate-ratio limits), list, fingerprint, the
/// attributes and time span analyses can be filtered by, schema drift between two logs, delete.
struct LogRoutes {
    let stores: ServerStores
    let cache: LogCache
    let spool: UploadSpool

    /// The body of `POST /tenants/{t}/logs`.
    struct Created: Codable {
        var id: String
        var name: String
        var cases: Int
        var events: Int
        var fingerprint: String
    }

    func register(_ table: inout RouteTable) {
        table.add(.post, "/tenants/{tenant}/logs") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .operator)
            guard let name = request.uri.queryParameters.get("name"), !name.isEmpty, name.utf8.count <= 255,
                  !name.contains("/"), !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                throw ServerError.badRequest("the query parameter name (the file name, e.g. orders.xes.gz) is required", code: "invalid-name")
            }
            var log = try await spool.receive(request.body, name: name)
            log.provenance.source?.location = name
            let id = "log-" + AnalysisService.randomHex(6)
            let info = try await stores.logs.importLog(log, name: id, tenant: tenant)
            return try JSONResponse.make(Created(id: id, name: name, cases: info.cases, events: info.events, fingerprint: info.fingerprint),
                                         status: .created, headers: [.location: "/tenants/\(tenant)/logs/\(id)"])
        }
        table.add(.get, "/tenants/{tenant}/logs") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            return try JSONResponse.make(try await stores.logs.logs(tenant: tenant).map(Summary.init))
        }
        table.add(.get, "/tenants/{tenant}/logs/{logId}") { request, context in
            let (tenant, logID) = try ids(request, context)
            return try JSONResponse.make(Summary(try await info(logID, tenant: tenant)))
        }
        table.add(.get, "/tenants/{tenant}/logs/{logId}/fingerprint") { request, context in
            let (tenant, logID) = try ids(request, context)
            let info = try await info(logID, tenant: tenant)
            let schema = LogSchema(try await cache.log(logID, tenant: tenant))
            return try JSONResponse.make(Fingerprint(id: logID, fingerprint: info.fingerprint, schema: schema))
        }
        table.add(.get, "/tenants/{tenant}/logs/{logId}/attributes") { request, context in
            let (tenant, logID) = try ids(request, context)
            _ = try await info(logID, tenant: tenant)
            return try JSONResponse.make(LogAttributeSummary(try await cache.log(logID, tenant: tenant)))
        }
        table.add(.get, "/tenants/{tenant}/logs/{logId}/drift") { request, context in
            let (tenant, logID) = try ids(request, context)
            guard let other = request.uri.queryParameters.get("against") else {
                throw ServerError.badRequest("the query parameter against (the other log's id) is required")
            }
            let otherID = try Identifier.check(other, "against")
            _ = try await info(logID, tenant: tenant)
            _ = try await info(otherID, tenant: tenant)
            let old = LogSchema(try await cache.log(logID, tenant: tenant))
            let new = LogSchema(try await cache.log(otherID, tenant: tenant))
            return try JSONResponse.make(SchemaDrift(from: old, to: new))
        }
        table.add(.delete, "/tenants/{tenant}/logs/{logId}") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .operator)
            let logID = try request.id("logId", context)
            _ = try await info(logID, tenant: tenant)
            try await stores.results.deleteResults(logName: logID, tenant: tenant)
            guard try await stores.logs.delete(logID, tenant: tenant) else { throw ServerError.notFound("log \(logID)") }
            await cache.forget(logID, tenant: tenant)
            return Response(status: .noContent)
        }
    }

    /// A stored log as the API shows it.
    struct Summary: Codable {
        var id: String
        var name: String?
        var cases: Int
        var events: Int
        var fingerprint: String
        var importedAt: String
        var provenance: Provenance

        init(_ info: StoredLogInfo) {
            id = info.name
            name = info.provenance.source?.location
            cases = info.cases
            events = info.events
            fingerprint = info.fingerprint
            importedAt = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(info.importedAtMicroseconds) / 1e6))
            provenance = info.provenance
        }
    }

    struct Fingerprint: Codable {
        var id: String
        var fingerprint: String
        var schema: LogSchema
    }

    private func ids(_ request: Request, _ context: TracewiseRequestContext) throws -> (String, String) {
        let tenant = try request.id("tenant", context)
        _ = try context.authorize(tenant: tenant, role: .viewer)
        return (tenant, try request.id("logId", context))
    }

    private func info(_ logID: String, tenant: String) async throws -> StoredLogInfo {
        guard let info = try await stores.logs.logs(tenant: tenant).first(where: { $0.name == logID }) else {
            throw ServerError.notFound("log \(logID)")
        }
        return info
    }
}
