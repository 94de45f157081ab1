import Agents
import Foundation
import Hummingbird
import Packs

/// Packs admin under `/tenants/{tenant}/packs…`: upload a domain or policy pack (YAML or JSON; validation
/// errors as JSON pointers), list domains and versions, activate a pair, roll back, diff two versions.
struct PackRoutes {
    let registry: PackRegistry
    let store: any PackStore

    struct Activation: Codable {
        var domainVersion: String
        var policyVersion: String
    }

    struct DomainState: Codable {
        var domain: String
        var active: PackActivation?
        var versions: [PackVersionInfo]
    }

    func register(_ table: inout RouteTable) {
        table.add(.post, "/tenants/{tenant}/packs") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .admin)
            let kind = request.uri.queryParameters.get("kind") ?? ""
            guard kind == "domain" || kind == "policy" else {
                throw ServerError.badRequest("the query parameter kind must be domain or policy", code: "invalid-query")
            }
            var request = request
            let text = String(decoding: try await request.collectBody(upTo: context.maxUploadSize).readableBytesView, as: UTF8.self)
            let format: PackDocumentFormat? = switch request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) {
            case "application/json"?: .json
            case "application/yaml"?, "application/x-yaml"?, "text/yaml"?: .yaml
            default: nil
            }
            let packs = try await registry.tenant(tenant)
            let info: PackVersionInfo
            if kind == "domain" {
                let result = PackLoader().loadDomainPack(text: text, format: format)
                guard let pack = result.pack else { throw Self.invalid(result.report) }
                info = try await packs.register(pack)
            } else {
                let probe = PackLoader().readDocument(text: text, format: format)
                let domainName = probe.document?.objectValue?["domain"]?.stringValue ?? probe.document?.objectValue?["domainName"]?.stringValue
                let domainPack = try await domainName.flatMap { name in Identifier.isValid(name) ? name : nil }.asyncFlatMap { try await packs.activeBundle(domain: $0)?.domain }
                let result = PackLoader().loadTenantPolicyPack(text: text, format: format, domainPack: domainPack)
                guard let pack = result.pack else { throw Self.invalid(result.report) }
                guard pack.tenantID == tenant else {
                    throw ServerError(.unprocessableContent, code: "invalid-pack", "the policy pack names tenant \(pack.tenantID.prefix(64)), not \(tenant)",
                                      errors: [.init(pointer: "/tenantId", code: "tenantMismatch", message: "must be \(tenant)")])
                }
                info = try await packs.register(pack)
            }
            return try JSONResponse.make(info, status: .created)
        }
        table.add(.get, "/tenants/{tenant}/packs") { request, context in
            let tenant = try request.id("tenant", context)
            _ = try context.authorize(tenant: tenant, role: .viewer)
            let packs = try await registry.tenant(tenant)
            var states: [DomainState] = []
            for domain in try await packs.domains().sorted() {
                states.append(DomainState(domain: domain, active: try await packs.activation(domain: domain), versions: try await packs.versions(domain: domain)))
            }
            return try JSONResponse.make(states)
        }
        table.add(.get, "/tenants/{tenant}/packs/{domain}/versions") { request, context in
            let (tenant, domain) = try ids(request, context, .viewer)
            let packs = try await registry.tenant(tenant)
            let versions = try await packs.versions(domain: domain)
            guard !versions.isEmpty else { throw ServerError.notFound("pack domain \(domain)") }
            return try JSONResponse.make(DomainState(domain: domain, active: try await packs.activation(domain: domain), versions: versions))
        }
        table.add(.post, "/tenants/{tenant}/packs/{domain}/activate") { request, context in
            let (tenant, domain) = try ids(request, context, .admin)
            let body = try await JSONResponse.decode(Activation.self, from: request, context: context)
            guard let domainVersion = SemanticVersion(body.domainVersion), let policyVersion = SemanticVersion(body.policyVersion) else {
                throw ServerError(.unprocessableContent, code: "invalid-version", "versions must be semantic versions (1.2.3)")
            }
            let packs = try await registry.tenant(tenant)
            guard !(try await packs.versions(domain: domain)).isEmpty else { throw ServerError.notFound("pack domain \(domain)") }
            _ = try await packs.activate(domain: domain, domainVersion: domainVersion, policyVersion: policyVersion)
            return try JSONResponse.make(DomainState(domain: domain, active: try await packs.activation(domain: domain), versions: try await packs.versions(domain: domain)))
        }
        table.add(.post, "/tenants/{tenant}/packs/{domain}/rollback") { request, context in
            let (tenant, domain) = try ids(request, context, .admin)
            let packs = try await registry.tenant(tenant)
            guard !(try await packs.versions(domain: domain)).isEmpty else { throw ServerError.notFound("pack domain \(domain)") }
            do {
                _ = try await packs.rollback(domain: domain)
            } catch let error as PacksError {
                throw ServerError(.conflict, code: "no-earlier-activation", error.message)
            }
            return try JSONResponse.make(DomainState(domain: domain, active: try await packs.activation(domain: domain), versions: try await packs.versions(domain: domain)))
        }
        table.add(.get, "/tenants/{tenant}/packs/{domain}/diff") { request, context in
            let (tenant, domain) = try ids(request, context, .viewer)
            let query = request.uri.queryParameters
            guard let kind = query.get("kind").flatMap({ $0 == "domain" ? PackStoreKey.Kind.domainPack : $0 == "policy" ? .tenantPolicy : nil }),
                  let from = query.get("from").flatMap(SemanticVersion.init), let to = query.get("to").flatMap(SemanticVersion.init)
            else {
                throw ServerError.badRequest("diff needs kind=domain|policy, from=VERSION and to=VERSION", code: "invalid-query")
            }
            let old = try await document(tenant: tenant, domain: domain, kind: kind, version: from)
            let new = try await document(tenant: tenant, domain: domain, kind: kind, version: to)
            return try JSONResponse.make(PackDiff(from: old, to: new))
        }
    }

    private func document(tenant: String, domain: String, kind: PackStoreKey.Kind, version: SemanticVersion) async throws -> PackValue {
        guard let data = try await store.read(PackStoreKey(tenant: tenant, domain: domain, kind: kind, version: version.description)) else {
            throw ServerError.notFound("\(kind == .domainPack ? "domain pack" : "policy pack") \(domain) \(version)")
        }
        return try JSONDecoder().decode(PackValue.self, from: data)
    }

    private func ids(_ request: Request, _ context: TracewiseRequestContext, _ role: Role) throws -> (String, String) {
        let tenant = try request.id("tenant", context)
        _ = try context.authorize(tenant: tenant, role: role)
        return (tenant, try request.id("domain", context))
    }

    static func invalid(_ report: ValidationReport) -> ServerError {
        ServerError(.unprocessableContent, code: "invalid-pack", "the pack has \(report.errors.count) validation error(s)",
                    errors: report.errors.map { .init(pointer: $0.path, code: $0.code.rawValue, message: $0.message, line: $0.line, column: $0.column) })
    }
}

extension Optional {
    /// `flatMap` with an async transform.
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
