import Explain
import Foundation
import Packs

/// Calls an Explain `LanguageModel` for JSON under guard: a timeout per attempt, retries, extraction of JSON from
/// almost-JSON, sanitisation against an ``LLMOutputSchema``, and a circuit breaker per tenant. Any failure
/// yields `.fallback` with the reason, and the caller continues on its rule-based path.
///
/// The client only ever returns fields the schema allows, so an LLM can add explanation and evidence but
/// cannot smuggle in a severity, a playbook or a tool.
///
/// ```swift
/// let client = SafeLLMClient(model: EchoLanguageModel())
/// let reply = await client.generate(tenantId: "acme", messages: [.user("...")], schema: .advisory)
/// ```
public actor SafeLLMClient {
    public enum Reply: Sendable, Hashable {
        case accepted(PackValue, droppedFields: [String], adjustedFields: [String])
        case fallback(reason: String)
    }

    private let model: any LanguageModel
    private let maxAttempts: Int
    private let timeout: Duration
    private let breakerTemplate: CircuitBreaker
    private var breakers: [String: CircuitBreaker] = [:]
    private let clock: @Sendable () -> ContinuousClock.Instant

    /// - Parameters:
    ///   - model: the language model to guard.
    ///   - maxAttempts: attempts per request (at least 1).
    ///   - timeout: how long one attempt may take.
    ///   - breaker: the circuit-breaker settings each tenant starts with.
    ///   - clock: the monotonic clock for circuit-breaker timing.
    public init(model: any LanguageModel, maxAttempts: Int = 2, timeout: Duration = .seconds(10),
                breaker: CircuitBreaker = CircuitBreaker(failureThreshold: 3, openDuration: .seconds(60)),
                clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.model = model
        self.maxAttempts = max(1, maxAttempts)
        self.timeout = timeout
        self.breakerTemplate = breaker
        self.clock = clock
    }

    /// The name of the wrapped model.
    public var modelName: String { model.name }

    /// The circuit state for a tenant's calls.
    public func circuitState(tenantID: String) -> CircuitBreaker.State {
        breakers[tenantID]?.state ?? .closed
    }

    /// Asks for one JSON object matching `schema`.
    public func generate(tenantID: String, messages: [ChatMessage], schema: LLMOutputSchema) async -> Reply {
        var breaker = breakers[tenantID] ?? breakerTemplate
        guard breaker.allowsCall(at: clock()) else {
            breakers[tenantID] = breaker
            return .fallback(reason: "LLM circuit open for tenant \(tenantID)")
        }
        var lastReason = ""
        for _ in 0..<maxAttempts {
            do {
                let response = try await complete(messages, schema: schema)
                guard let object = AlmostJSON.extractObject(from: response.text) else {
                    lastReason = "reply contained no JSON object"
                    continue
                }
                guard let (clean, dropped, adjusted) = schema.sanitise(object) else {
                    lastReason = "reply lacked required fields \(schema.required.sorted())"
                    continue
                }
                breaker.recordSuccess()
                breakers[tenantID] = breaker
                return .accepted(clean, droppedFields: dropped, adjustedFields: adjusted)
            } catch is CancellationError {
                lastReason = "cancelled"
                break
            } catch {
                lastReason = String(describing: error)
            }
        }
        breaker.recordFailure(at: clock())
        breakers[tenantID] = breaker
        return .fallback(reason: lastReason)
    }

    private func complete(_ messages: [ChatMessage], schema: LLMOutputSchema) async throws -> LanguageModelResponse {
        let request = LanguageModelRequest(messages: messages, responseFormat: .json, temperature: 0,
                                           jsonSchema: schema.jsonSchema(name: "tracewise_reply"))
        let model = self.model
        let timeout = self.timeout
        return try await withThrowingTaskGroup(of: LanguageModelResponse.self) { group in
            group.addTask { try await model.complete(request) }
            group.addTask {
                try await Task.sleep(for: max(.milliseconds(1), timeout))
                throw AgentsError(.llmFailure, "language model timed out after \(timeout)")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw AgentsError(.llmFailure, "no reply") }
            return first
        }
    }
}
