import Foundation
import Packs

/// Builds provider clients from a ``ModelSelection`` or a tenant's pack settings, with endpoints and keys
/// from the environment (never from a pack).
///
/// ```swift
/// let model = try LanguageModels.make(try ModelSelection(parsing: "anthropic:claude-sonnet-4-5"))
/// let narrator = LLMNarrator(model: model, vocabulary: vocabulary)
/// ```
public enum LanguageModels {
    /// The client for `selection`.
    /// - Throws: ``ProviderError`` (`authentication`) when the provider's key variable is unset.
    public static func make(_ selection: ModelSelection, policy: ModelCallPolicy = ModelCallPolicy(),
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(ProviderError) -> any StreamingLanguageModel {
        let configuration = try ProviderConfiguration.fromEnvironment(selection.provider, environment)
        return make(selection, configuration: configuration, policy: policy)
    }

    /// The client for `selection` at an explicit endpoint.
    public static func make(_ selection: ModelSelection, configuration: ProviderConfiguration,
                            policy: ModelCallPolicy = ModelCallPolicy()) -> any StreamingLanguageModel {
        switch selection.provider {
        case .openai: OpenAIChatModel(model: selection.model, configuration: configuration, policy: policy)
        case .anthropic: AnthropicChatModel(model: selection.model, configuration: configuration, policy: policy)
        case .ollama: OllamaChatModel(model: selection.model, configuration: configuration, policy: policy)
        }
    }

    /// The client a tenant's pack names (`model.provider` and `model.name`), governed by the tenant's
    /// redaction, quota, timeout and retries; nil when the provider is `none`.
    /// - Throws: ``ProviderError`` for an unknown provider, a missing model name or key, or an invalid pattern.
    public static func make(for tenant: TenantPolicyPack, ledger: TenantQuotaLedger,
                            environment: [String: String] = ProcessInfo.processInfo.environment) async throws(ProviderError) -> (any StreamingLanguageModel)? {
        guard tenant.model.provider != "none" else { return nil }
        guard let provider = ModelProvider(rawValue: tenant.model.provider), let name = tenant.model.name, !name.isEmpty else {
            throw ProviderError(.invalidRequest, provider: nil,
                             detail: "tenant \(tenant.tenantID) names model provider '\(tenant.model.provider)' without a known provider and a model name")
        }
        let policy = try await ModelCallPolicy(tenant: tenant, ledger: ledger)
        return try make(ModelSelection(provider: provider, model: name), policy: policy, environment: environment)
    }
}
