import EventLog

/// A text generator the SDK can ask for prose or JSON: the one seam between Tracewise and any LLM.
///
/// Hosts conform their own clients (a hosted API, a local model); the SDK ships
/// ``EchoLanguageModel``, a deterministic default that needs no network or key. Explain's
/// ``LLMNarrator`` uses it for narratives and the Agents layer reuses it for its calls.
///
/// Implementations must honour task cancellation (`try Task.checkCancellation()` or an equivalent
/// cancellable transport) and throw ``LanguageModelError`` for their own failures.
///
/// ```swift
/// let model: any LanguageModel = EchoLanguageModel()
/// let reply = try await model.complete(LanguageModelRequest(
///     messages: [.system("You are terse."), .user("Summarise: DRAFT:\nCycle time is 4 days.")]))
/// print(reply.text)
/// ```
public protocol LanguageModel: Sendable {
    /// A short name identifying the model, recorded with what it produced.
    var name: String { get }
    /// Generates a reply to `request`.
    /// - Throws: ``LanguageModelError`` or `CancellationError` when the calling task is cancelled.
    func complete(_ request: LanguageModelRequest) async throws -> LanguageModelResponse
}

/// One message of a conversation with a ``LanguageModel``.
public struct ChatMessage: Hashable, Sendable, Codable {
    /// Who speaks.
    public enum Role: String, Hashable, Sendable, Codable {
        case system, user, assistant
    }

    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    /// A system (instruction) message.
    public static func system(_ content: String) -> ChatMessage { ChatMessage(role: .system, content: content) }
    /// A user message.
    public static func user(_ content: String) -> ChatMessage { ChatMessage(role: .user, content: content) }
    /// An earlier reply of the model.
    public static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: .assistant, content: content) }
}

/// What to ask a ``LanguageModel``: messages plus generation options.
public struct LanguageModelRequest: Hashable, Sendable, Codable {
    /// The form the reply must take.
    public enum ResponseFormat: String, Hashable, Sendable, Codable {
        /// Free text.
        case text
        /// One JSON value (models that support a JSON mode should enable it).
        case json
    }

    /// A JSON Schema the reply must follow, for models that can constrain output to one.
    public struct JSONSchema: Hashable, Sendable, Codable {
        /// A name for the schema (letters, digits, `_` and `-`, at most 64 characters).
        public var name: String
        /// The schema as JSON text (an object schema).
        public var schema: String

        public init(name: String, schema: String) {
            self.name = name
            self.schema = schema
        }
    }

    public var messages: [ChatMessage]
    public var responseFormat: ResponseFormat
    /// Upper bound on the reply length in tokens, when the model supports one.
    public var maxTokens: Int?
    /// Sampling temperature; 0 asks for the most deterministic reply.
    public var temperature: Double
    /// In JSON mode, the schema the reply must follow (nil: any JSON object).
    public var jsonSchema: JSONSchema?

    public init(messages: [ChatMessage], responseFormat: ResponseFormat = .text, maxTokens: Int? = nil,
                temperature: Double = 0, jsonSchema: JSONSchema? = nil) {
        self.messages = messages
        self.responseFormat = responseFormat
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.jsonSchema = jsonSchema
    }
}

/// A ``LanguageModel``'s reply.
public struct LanguageModelResponse: Hashable, Sendable, Codable {
    /// The generated text (in JSON mode: the JSON text).
    public var text: String
    /// The ``LanguageModel/name`` of the model that produced it.
    public var model: String
    /// Tokens the call consumed, when the model reports them.
    public var usage: LanguageModelUsage?

    public init(text: String, model: String, usage: LanguageModelUsage? = nil) {
        self.text = text
        self.model = model
        self.usage = usage
    }
}

/// Tokens one ``LanguageModel`` call consumed.
public struct LanguageModelUsage: Hashable, Sendable, Codable {
    public var inputTokens: Int
    public var outputTokens: Int

    public init(inputTokens: Int, outputTokens: Int) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }

    /// Input and output together.
    public var totalTokens: Int { inputTokens + outputTokens }
}

/// Why a ``LanguageModel`` call failed.
public typealias LanguageModelError = CodedError<LanguageModelErrorDomain>

/// The namespace of ``LanguageModelError``'s codes.
public enum LanguageModelErrorDomain: Sendable {}

extension ErrorCode where Domain == LanguageModelErrorDomain {
    public static var unavailable: Self { Self(rawValue: "unavailable") }
    public static var timeout: Self { Self(rawValue: "timeout") }
    public static var invalidRequest: Self { Self(rawValue: "invalidRequest") }
    public static var invalidResponse: Self { Self(rawValue: "invalidResponse") }
    public static var rateLimited: Self { Self(rawValue: "rateLimited") }
}
