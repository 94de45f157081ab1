/// A provider and a model name, written `provider:model` (`openai:gpt-4o-mini`, `anthropic:claude-sonnet-4-5`,
/// `ollama:llama3.2`) on the command line and in tenant settings.
///
/// ```swift
/// let selection = try ModelSelection(parsing: "ollama:llama3.2")
/// ```
public struct ModelSelection: Sendable, Hashable, CustomStringConvertible {
    public var provider: ModelProvider
    public var model: String

    public init(provider: ModelProvider, model: String) {
        self.provider = provider
        self.model = model
    }

    /// Parses `provider:model`; the model name may itself contain colons (`ollama:llama3.2:1b`).
    /// - Throws: ``ProviderError`` (`invalidRequest`) naming the accepted providers.
    public init(parsing text: String) throws(ProviderError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let names = ModelProvider.allCases.map(\.rawValue).joined(separator: "|")
        guard parts.count == 2, let provider = ModelProvider(rawValue: parts[0].lowercased()),
              !parts[1].trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ProviderError(.invalidRequest, provider: nil,
                             detail: "'\(text)' is not PROVIDER:MODEL with PROVIDER one of \(names)")
        }
        self.init(provider: provider, model: String(parts[1]))
    }

    public var description: String { "\(provider.rawValue):\(model)" }
}
