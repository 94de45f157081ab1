import Packs

/// Builds the engine's tool bindings from a domain pack's tool specs and the tenant's per-tool overrides,
/// namespaced `tenant:domain:tool`. Timeouts and retries are `PackPolicy.toolLimits(for:)`: the tenant may
/// only lower them (unless loosening is allowed), and retries are capped by its `maxAutoRetries`.
enum ToolBindings {
    static func make(_ policy: PolicyContext) -> [ToolBinding] {
        policy.domain.tools.map { tool in
            let endpoint: ToolEndpoint
            switch tool.transport {
            case .http(let url, let method): endpoint = .http(url: url, method: method.rawValue)
            case .inProcess(let name): endpoint = .inProcess(name: name)
            }
            let limits = policy.rules.toolLimits(for: tool.name)
                ?? ToolLimits(timeout: .milliseconds(tool.timeoutMs), maxRetries: min(tool.maxRetries, policy.tenant.maxAutoRetries))
            let argumentSpec = tool.arguments
            let resultSpec = tool.result
            return ToolBinding(
                name: ToolName(tenantID: policy.tenant.tenantID, domain: policy.domain.domainName, tool: tool.name),
                endpoint: endpoint, timeout: limits.timeout,
                retry: RetryPolicy(maxRetries: limits.maxRetries), idempotent: tool.idempotent, rollbackTool: tool.rollbackTool,
                validateArguments: { argumentSpec.violations(of: $0).map(\.description) },
                validateResult: { value in resultSpec.map { $0.violations(of: value).map(\.description) } ?? [] })
        }
    }
}
