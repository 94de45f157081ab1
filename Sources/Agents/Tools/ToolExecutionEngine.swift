import EventLog
import Foundation
import Packs

/// Executes tool calls with allow-list enforcement, argument and result validation, per-attempt timeouts,
/// retries with exponential backoff and jitter, a circuit breaker per tool, and idempotency keys.
/// Calls are dry runs unless the caller passes `dryRun: false`.
///
/// ```swift
/// let engine = ToolExecutionEngine(transports: ["http": HTTPToolTransport()])
/// await engine.register(definition)
/// let outcome = await engine.execute(definition.name, arguments: ["tradeId": "T-1"],
///                                    allowList: ["reissue_settlement"], dryRun: false)
/// ```
public actor ToolExecutionEngine {
    private var definitions: [ToolName: ToolBinding] = [:]
    private var breakers: [ToolName: CircuitBreaker] = [:]
    private var completed: [String: ToolCallOutcome] = [:]
    private var random: SplitMix64
    private let httpTransport: any ToolTransport
    private let inProcessTransport: any ToolTransport
    private let breakerTemplate: CircuitBreaker
    private let clock: @Sendable () -> ContinuousClock.Instant
    private let sleep: @Sendable (Duration) async -> Void

    /// - Parameters:
    ///   - http: the transport for `.http` endpoints.
    ///   - inProcess: the transport for `.inProcess` endpoints.
    ///   - breaker: the circuit-breaker settings every tool starts with.
    ///   - seed: seeds the jitter, so retry timing is reproducible.
    ///   - clock: the monotonic clock for call latencies and circuit-breaker timing.
    ///   - sleep: waits between retries (replace it to test retry timing without waiting).
    public init(http: any ToolTransport = HTTPToolTransport(),
                inProcess: any ToolTransport = InProcessToolTransport(handlers: [:]),
                breaker: CircuitBreaker = CircuitBreaker(), seed: UInt64 = 42,
                clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
                sleep: @escaping @Sendable (Duration) async -> Void = { delay in try? await Task.sleep(for: max(.zero, delay)) }) {
        self.httpTransport = http
        self.inProcessTransport = inProcess
        self.breakerTemplate = breaker
        self.random = SplitMix64(seed: seed)
        self.clock = clock
        self.sleep = sleep
    }

    /// Registers (or replaces) a tool under its tenant namespace.
    public func register(_ definition: ToolBinding) {
        definitions[definition.name] = definition
    }

    /// Makes successful outcomes recorded elsewhere (a store's tool-call ledger) known, so a call with the same
    /// idempotency key returns them instead of calling the tool again — how a retried job avoids repeating
    /// effects that already happened.
    public func remember(_ outcomes: [ToolCallOutcome]) {
        for outcome in outcomes where outcome.status == .success { completed[outcome.idempotencyKey] = outcome }
    }

    /// The current circuit state of a tool.
    public func circuitState(of tool: ToolName) -> CircuitBreaker.State {
        breakers[tool]?.state ?? .closed
    }

    /// Calls `tool` unless something forbids it; never throws — every outcome is a value to audit.
    /// - Parameters:
    ///   - tool: the tool to call, qualified by the tenant's namespace.
    ///   - arguments: the tool's arguments.
    ///   - allowList: the tool names (unqualified) the tenant allows; anything else is refused.
    ///   - dryRun: validate and record the call without sending it.
    ///   - idempotencyKey: reuse a key to get the earlier successful outcome instead of calling again.
    public func execute(_ tool: ToolName, arguments: PackValue, allowList: Set<String>, dryRun: Bool = true,
                        idempotencyKey: String? = nil) async -> ToolCallOutcome {
        let key = idempotencyKey ?? "\(tool)#\(SHA256.hex(canonicalJSON(arguments)).prefix(16))"
        func refuse(_ reason: String) -> ToolCallOutcome {
            ToolCallOutcome(tool: tool, status: .refused, error: reason, attempts: 0, latency: .zero, idempotencyKey: key)
        }
        guard allowList.contains(tool.tool) else { return refuse("tool \(tool.tool) is not on the tenant's allow-list") }
        guard let definition = definitions[tool] else { return refuse("tool \(tool) is not registered") }
        let problems = definition.validateArguments(arguments)
        guard problems.isEmpty else { return refuse("invalid arguments: " + problems.joined(separator: "; ")) }
        if dryRun {
            return ToolCallOutcome(tool: tool, status: .dryRun, attempts: 0, latency: .zero, idempotencyKey: key)
        }
        if let earlier = completed[key] { return earlier }
        guard !Task.isCancelled else {
            return ToolCallOutcome(tool: tool, status: .failed, error: "cancelled before the call", attempts: 0, latency: .zero, idempotencyKey: key)
        }
        var breaker = breakers[tool] ?? breakerTemplate
        guard breaker.allowsCall(at: clock()) else {
            breakers[tool] = breaker
            return refuse("circuit open for \(tool)")
        }
        breakers[tool] = breaker
        let outcome = await attempt(definition, arguments: arguments, key: key)
        record(outcome, for: tool)
        if outcome.status == .success { completed[key] = outcome }
        return outcome
    }

    private func attempt(_ definition: ToolBinding, arguments: PackValue, key: String) async -> ToolCallOutcome {
        let started = clock()
        let maxAttempts = 1 + (definition.idempotent ? definition.retry.maxRetries : 0)
        var lastError = ""
        var attempts = 0
        while attempts < maxAttempts && !Task.isCancelled {
            attempts += 1
            let request = ToolRequest(tool: definition.name, endpoint: definition.endpoint, arguments: arguments,
                                      idempotencyKey: key, timeout: definition.timeout)
            do {
                let result = try await send(request, timeout: definition.timeout)
                let problems = definition.validateResult(result)
                guard problems.isEmpty else {
                    return ToolCallOutcome(tool: definition.name, status: .failed, result: result,
                                           error: "invalid result: " + problems.joined(separator: "; "),
                                           attempts: attempts, latency: started.duration(to: clock()), idempotencyKey: key)
                }
                return ToolCallOutcome(tool: definition.name, status: .success, result: result, attempts: attempts,
                                       latency: started.duration(to: clock()), idempotencyKey: key)
            } catch let error as ToolTransportError {
                lastError = error.message
                if !error.retryable { break }
            } catch is CancellationError {
                lastError = "cancelled"
                break
            } catch {
                lastError = String(describing: error)
            }
            if attempts < maxAttempts {
                await sleep(definition.retry.delay(forRetry: attempts, random: random.unit()))
            }
        }
        return ToolCallOutcome(tool: definition.name, status: .failed, error: lastError, attempts: attempts,
                               latency: started.duration(to: clock()), idempotencyKey: key)
    }

    private func record(_ outcome: ToolCallOutcome, for tool: ToolName) {
        var breaker = breakers[tool] ?? breakerTemplate
        if outcome.status == .success { breaker.recordSuccess() } else { breaker.recordFailure(at: clock()) }
        breakers[tool] = breaker
    }

    private func send(_ request: ToolRequest, timeout: Duration) async throws -> PackValue {
        let transport: any ToolTransport
        switch request.endpoint {
        case .http: transport = httpTransport
        case .inProcess: transport = inProcessTransport
        }
        return try await withThrowingTaskGroup(of: PackValue.self) { group in
            group.addTask { try await transport.send(request) }
            group.addTask {
                try await Task.sleep(for: max(.milliseconds(1), timeout))
                throw ToolTransportError("timed out after \(timeout)", retryable: true)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else {
                throw ToolTransportError("no result", retryable: true)
            }
            return first
        }
    }

    /// Compact JSON with sorted keys: equal arguments give equal bytes, hence equal idempotency keys.
    private func canonicalJSON(_ value: PackValue) -> [UInt8] {
        var writer = CompactJSONWriter()
        writer.value(value)
        return writer.bytes
    }
}
