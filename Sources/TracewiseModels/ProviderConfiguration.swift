import Foundation

/// Where a provider is and how to authenticate, from the environment or from code — never from a pack.
///
/// | Provider  | Base URL variable (default)                              | Key variable        |
/// |-----------|----------------------------------------------------------|---------------------|
/// | openai    | `OPENAI_BASE_URL` (`https://api.openai.com/v1`)          | `OPENAI_API_KEY`    |
/// | anthropic | `ANTHROPIC_BASE_URL` (`https://api.anthropic.com`)       | `ANTHROPIC_API_KEY` |
/// | ollama    | `OLLAMA_HOST` (`http://127.0.0.1:11434`)                 | none                |
///
/// `OLLAMA_HOST` may be `host:port` without a scheme, as the Ollama CLI accepts.
///
/// ```swift
/// let openai = try ProviderConfiguration.fromEnvironment(.openai)
/// let local = ProviderConfiguration(provider: .ollama, baseURL: "http://127.0.0.1:11434")
/// ```
public struct ProviderConfiguration: Sendable, Hashable {
    public var provider: ModelProvider
    /// The base URL without a trailing slash.
    public var baseURL: String
    public var apiKey: APIKey?
    /// The `anthropic-version` header value.
    public var anthropicVersion: String

    public init(provider: ModelProvider, baseURL: String, apiKey: APIKey? = nil, anthropicVersion: String = "2023-06-01") {
        self.provider = provider
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.anthropicVersion = anthropicVersion
    }

    /// The default base URL of `provider`.
    public static func defaultBaseURL(_ provider: ModelProvider) -> String {
        switch provider {
        case .openai: "https://api.openai.com/v1"
        case .anthropic: "https://api.anthropic.com"
        case .ollama: "http://127.0.0.1:11434"
        }
    }

    /// The configuration of `provider` from `environment`.
    /// - Throws: ``ProviderError`` (`authentication`) when a hosted provider's key variable is unset.
    public static func fromEnvironment(_ provider: ModelProvider,
                                       _ environment: [String: String] = ProcessInfo.processInfo.environment) throws(ProviderError) -> ProviderConfiguration {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        switch provider {
        case .openai:
            guard let key = value("OPENAI_API_KEY") else {
                throw ProviderError(.authentication, provider: .openai, detail: "OPENAI_API_KEY is not set")
            }
            return ProviderConfiguration(provider: .openai, baseURL: value("OPENAI_BASE_URL") ?? defaultBaseURL(.openai),
                                         apiKey: APIKey(key))
        case .anthropic:
            guard let key = value("ANTHROPIC_API_KEY") else {
                throw ProviderError(.authentication, provider: .anthropic, detail: "ANTHROPIC_API_KEY is not set")
            }
            return ProviderConfiguration(provider: .anthropic,
                                         baseURL: value("ANTHROPIC_BASE_URL") ?? defaultBaseURL(.anthropic), apiKey: APIKey(key))
        case .ollama:
            var host = value("OLLAMA_HOST") ?? defaultBaseURL(.ollama)
            if !host.contains("://") { host = "http://" + host }
            return ProviderConfiguration(provider: .ollama, baseURL: host)
        }
    }
}
