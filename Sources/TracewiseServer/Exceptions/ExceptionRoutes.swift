import Agents
import Foundation
import HTTPTypes
import Hummingbird
import Packs

/// The exception engine's seed contract: `POST /exceptions/{tenantId}` (one or many, `Idempotency-Key`),
/// `POST /run`, `GET /exceptions/{tenantId}/{exceptionId}` and its SSE `…/stream`, approvals and their
/// decisions, and `GET /metrics/{tenantId}`.
struct ExceptionRoutes {
    let service: ExceptionService
    let configuration: ServerConfiguration

    struct RunRequest: Codable {
        var tenantID: String
        var domain: String?
        var exceptions: [PackValue]

        /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
        private enum CodingKeys: String, CodingKey {
            case tenantID = "tenantId", domain, exceptions
        }
    }

    struct Decision: Codable {
        var decision: String
        var user: String
        var comment: String?
    }

    struct ExceptionDocument: Codable {
        var exceptionID: String
        var status: String
        var processing: Bool
        var outcome: ExceptionOutcome
        var statusHistory: [StatusChange]
        var auditTrail: [AuditTrailEntry]

        /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
        private enum CodingKeys: String, CodingKey {
            case exceptionID = "exceptionId", status, processing, outcome, statusHistory, auditTrail
        }
    }

    struct DecisionResult: Codable {
        var approval: ApprovalRequest
        var outcome: ExceptionOutcome
    }

    /// The 202 answer of a decision whose resume job had not stored the outcome within the route's wait: poll the
    /// exception (`Location`) until its status leaves `PENDING_APPROVAL`.
    struct DecisionResuming: Codable {
        var approval: ApprovalRequest
        var jobID: Int64
        var exceptionID: String

        /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
        private enum CodingKeys: String, CodingKey {
            case approval, jobID = "jobId", exceptionID = "exceptionId"
        }
    }

    func register(_ table: inout RouteTable, stores: ServerStores) {
        table.add(.post, "/exceptions/{tenantId}") { request, context in
            let tenant = try request.id("tenantId", context)
            _ = try context.authorize(tenant: tenant, role: .operator)
            var request = request
            let body = Array(buffer: try await request.collectBody(upTo: context.maxUploadSize))
            let key = try request.headers[HTTPField.Name("Idempotency-Key")!].map { try Identifier.check($0, "Idempotency-Key") }
            if let key, let replayed = try await service.replay(tenant: tenant, key: key, body: body) {
                return JSONResponse.bytes(replayed, status: .accepted, contentType: "application/json", headers: [HTTPField.Name("Idempotent-Replayed")!: "true"])
            }
            let raw = try Self.exceptions(body)
            let domain = try request.uri.queryParameters.get("domain").map { try Identifier.check($0, "domain") }
            let accepted = try await service.submit(tenant: tenant, raw: raw, domain: domain, idempotencyKey: key)
            let response = Array(try JSONResponse.encoder.encode(["accepted": accepted]))
            if let key { try await service.remember(tenant: tenant, key: key, body: body, response: response) }
            return JSONResponse.bytes(response, status: .accepted, contentType: "application/json")
        }
        table.add(.post, "/run") { request, context in
            let run = try await JSONResponse.decode(RunRequest.self, from: request, context: context)
            let tenant = try Identifier.check(run.tenantID, "tenantId")
            _ = try context.authorize(tenant: tenant, role: .operator)
            guard run.exceptions.count <= configuration.synchronousRunLimit else {
                throw ServerError(.contentTooLarge, code: "batch-too-large",
                                  "POST /run takes at most \(configuration.synchronousRunLimit) exceptions; submit larger batches to POST /exceptions/{tenantId}")
            }
            return try JSONResponse.make(["runs": try await service.run(tenant: tenant, raw: run.exceptions, domain: run.domain)])
        }
        table.add(.get, "/exceptions/{tenantId}") { request, context in
            let tenant = try request.id("tenantId", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            let status = try request.uri.queryParameters.get("status").map { text in
                guard let status = ResolutionStatus(rawValue: text) else {
                    throw ServerError.badRequest("status must be one of \(ResolutionStatus.allCases.map(\.rawValue).joined(separator: ", "))", code: "invalid-query")
                }
                return status
            }
            return try JSONResponse.make(try await stores.exceptions.outcomes(tenant: tenant, status: status))
        }
        table.add(.get, "/exceptions/{tenantId}/approvals") { request, context in
            let tenant = try request.id("tenantId", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            var requests = try await service.approvals.requests(tenantID: tenant)
            if let text = request.uri.queryParameters.get("status") {
                guard let status = ApprovalRequest.Status(rawValue: text.uppercased()) else {
                    throw ServerError.badRequest("status must be pending, approved, rejected or expired", code: "invalid-query")
                }
                requests = requests.filter { $0.status == status }
            }
            return try JSONResponse.make(requests)
        }
        table.add(.post, "/exceptions/{tenantId}/approvals/{approvalId}/decision") { request, context in
            let tenant = try request.id("tenantId", context)
            _ = try context.authorize(tenant: tenant, role: .operator)
            let approvalID = try request.id("approvalId", context)
            let decision = try await JSONResponse.decode(Decision.self, from: request, context: context)
            guard decision.decision == "approve" || decision.decision == "reject" else {
                throw ServerError(.unprocessableContent, code: "invalid-decision", "decision must be approve or reject",
                                  errors: [.init(pointer: "/decision", message: "approve or reject")])
            }
            guard !decision.user.isEmpty, decision.user.utf8.count <= 200 else {
                throw ServerError(.unprocessableContent, code: "invalid-decision", "user must name who decides",
                                  errors: [.init(pointer: "/user", message: "1-200 characters")])
            }
            switch try await service.decide(tenant: tenant, approvalID: approvalID, approve: decision.decision == "approve",
                                             user: decision.user, comment: decision.comment, wait: configuration.decisionWait) {
            case .resumed(let approval, let outcome):
                return try JSONResponse.make(DecisionResult(approval: approval, outcome: outcome))
            case .resuming(let approval, let jobID):
                return try JSONResponse.make(DecisionResuming(approval: approval, jobID: jobID, exceptionID: approval.exceptionID),
                                             status: .accepted, headers: [.location: "/exceptions/\(tenant)/\(approval.exceptionID)"])
            }
        }
        table.add(.get, "/exceptions/{tenantId}/{exceptionId}") { request, context in
            let tenant = try request.id("tenantId", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            let id = try request.id("exceptionId", context)
            guard let (outcome, running) = try await service.outcome(tenant: tenant, id: id) else {
                if await service.isKnown(tenant: tenant, id: id) {
                    throw ServerError(.conflict, code: "exception-queued", "the exception is queued; its first stage has not finished")
                }
                throw ServerError.notFound("exception \(id)")
            }
            let history = try await stores.exceptions.statusHistory(exceptionID: id, tenant: tenant)
            return try JSONResponse.make(ExceptionDocument(exceptionID: id, status: outcome.exception.resolutionStatus.rawValue, processing: running,
                                                           outcome: outcome, statusHistory: history, auditTrail: outcome.exception.auditTrail))
        }
        table.add(.get, "/exceptions/{tenantId}/{exceptionId}/stream") { request, context in
            let tenant = try request.id("tenantId", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            let id = try request.id("exceptionId", context)
            let last = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap { Int($0) } ?? 0
            guard try await service.events(tenant: tenant, id: id, after: Int.max, timeout: .zero) != nil else {
                throw ServerError.notFound("exception \(id)")
            }
            let service = self.service
            let body = ResponseBody { writer in
                var sequence = max(0, last)
                while true {
                    guard let (events, settled) = try await service.events(tenant: tenant, id: id, after: sequence, timeout: .seconds(15)) else { break }
                    for event in events {
                        let data = String(decoding: try JSONResponse.encoder.encode(event), as: UTF8.self)
                        try await writer.write(ByteBuffer(string: "id: \(event.sequence)\nevent: stage\ndata: \(data)\n\n"))
                        sequence = event.sequence
                    }
                    if settled {
                        var status = events.last?.status
                        if status == nil { status = try await service.outcome(tenant: tenant, id: id)?.outcome.exception.resolutionStatus.rawValue }
                        let final = status ?? ""
                        try await writer.write(ByteBuffer(string: "event: end\ndata: {\"status\":\"\(final)\"}\n\n"))
                        break
                    }
                    if events.isEmpty { try await writer.write(ByteBuffer(string: ": keep-alive\n\n")) }
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
        }
        table.add(.get, "/metrics/{tenantId}") { request, context in
            let tenant = try request.id("tenantId", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            return try JSONResponse.make(try await service.metricsSummary(tenant: tenant))
        }
    }

    /// One exception object or an array of them.
    static func exceptions(_ body: [UInt8]) throws -> [PackValue] {
        guard !body.isEmpty else { throw ServerError.badRequest("the body must be an exception or an array of them", code: "invalid-json") }
        let value = try JSONDecoder().decode(PackValue.self, from: Data(body))
        switch value {
        case .array(let items): return items
        case .object: return [value]
        default: throw ServerError(.unprocessableContent, code: "invalid-exception", "the body must be an exception object or an array of them")
        }
    }
}
