/// The hosted and local language-model services Tracewise speaks to.
public enum ModelProvider: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// OpenAI Chat Completions and Embeddings.
    case openai
    /// Anthropic Messages.
    case anthropic
    /// A local or remote Ollama server.
    case ollama

    public var description: String { rawValue }
}
