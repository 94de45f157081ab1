import Agents
import Foundation
import Hummingbird

/// `/health`, `/metrics` (Prometheus text, when the host bootstrapped a backend), API keys per tenant
/// (admin) and the tenant's audit chain: verification and JSONL export.
struct OperationRoutes {
    let stores: ServerStores
    let configuration: ServerConfiguration

    struct NewKey: Codable {
        var role: Role
    }

    struct CreatedKey: Codable {
        var id: String
        var key: String
        var tenant: String
        var role: Role
    }

    struct KeySummary: Codable {
        var id: String
        var role: Role
        var createdAt: Date
        var label: String?
    }

    struct Verification: Codable {
        var tenant: String
        var valid: Bool
        var records: Int
        var problem: String?
    }

    func register(_ table: inout RouteTable) {
        table.add(.get, "/health") { _, _ in
            try JSONResponse.make(["status": "ok"])
        }
        if let prometheusText = configuration.prometheusText {
            table.add(.get, "/metrics") { _, _ in
                JSONResponse.bytes(Array(await prometheusText().utf8), contentType: "text/plain; version=0.0.4; charset=utf-8")
            }
        }
        table.add(.post, "/tenants/{tenant}/keys") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .admin)
            let body = try await JSONResponse.decode(NewKey.self, from: request, context: context)
            let (key, record) = APIKeys.make(tenant: tenant, role: body.role)
            try await stores.keys.insert(record)
            return try JSONResponse.make(CreatedKey(id: record.id, key: key, tenant: tenant, role: record.role), status: .created)
        }
        table.add(.get, "/tenants/{tenant}/keys") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .admin)
            return try JSONResponse.make(try await stores.keys.records(tenant: tenant).map {
                KeySummary(id: $0.id, role: $0.role, createdAt: $0.createdAt, label: $0.label)
            })
        }
        table.add(.delete, "/tenants/{tenant}/keys/{keyId}") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .admin)
            let keyID = try request.id("keyId", context)
            guard try await stores.keys.delete(id: keyID, tenant: tenant) else { throw ServerError.notFound("key \(keyID)") }
            return Response(status: .noContent)
        }
        table.add(.get, "/tenants/{tenant}/audit/verify") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            let report = AuditVerifier.verify(bytes: try await stores.audit.export(tenant: tenant))
            return try JSONResponse.make(Verification(tenant: tenant, valid: report.isValid, records: report.validRecords,
                                                      problem: report.problem.map { "\($0)" }))
        }
        table.add(.get, "/tenants/{tenant}/audit/export") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            return JSONResponse.bytes(try await stores.audit.export(tenant: tenant), contentType: "application/x-ndjson")
        }
    }
}
