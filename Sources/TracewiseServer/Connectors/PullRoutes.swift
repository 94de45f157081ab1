import Hummingbird

/// `/tenants/{tenant}/pulls…`: start a pull from a business system (202; runs on the job queue), list the
/// tenant's pulls, and one pull's status with its report, stored log and analysis.
struct PullRoutes {
    let service: PullService

    func register(_ table: inout RouteTable) {
        table.add(.post, "/tenants/{tenant}/pulls") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .operator)
            let body = try await JSONResponse.decode(PullRequest.self, from: request, context: context)
            let status = try await service.submit(tenant: tenant, request: body)
            return try JSONResponse.make(status, status: .accepted, headers: [.location: "/tenants/\(tenant)/pulls/\(status.id)"])
        }
        table.add(.get, "/tenants/{tenant}/pulls") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            return try JSONResponse.make(try await service.list(tenant: tenant))
        }
        table.add(.get, "/tenants/{tenant}/pulls/{pullId}") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            return try JSONResponse.make(try await service.status(tenant: tenant, id: try request.id("pullId", context)))
        }
    }
}
