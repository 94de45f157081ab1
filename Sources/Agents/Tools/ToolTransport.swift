import Foundation
import Packs
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Carries one tool call to where the tool runs and brings back its JSON result. Hosts may conform their
/// own transports (a message queue, gRPC); ``HTTPToolTransport`` and ``InProcessToolTransport`` ship here.
public protocol ToolTransport: Sendable {
    /// Performs the call once (the engine handles retries, timeouts and circuit breaking).
    func send(_ request: ToolRequest) async throws -> PackValue
}

/// One attempt of a tool call as a transport sees it.
public struct ToolRequest: Sendable, Hashable {
    public var tool: ToolName
    public var endpoint: ToolEndpoint
    public var arguments: PackValue
    /// The same key on every retry of one logical call, so idempotent tools can deduplicate.
    public var idempotencyKey: String
    /// Seconds.
    public var timeout: Duration

    public init(tool: ToolName, endpoint: ToolEndpoint, arguments: PackValue, idempotencyKey: String, timeout: Duration) {
        self.tool = tool
        self.endpoint = endpoint
        self.arguments = arguments
        self.idempotencyKey = idempotencyKey
        self.timeout = timeout
    }
}

/// Where a tool runs.
public enum ToolEndpoint: Sendable, Hashable, Codable {
    case http(url: String, method: String)
    case inProcess(name: String)
}

/// A transport failure; `retryable` says whether another attempt may help.
public struct ToolTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var retryable: Bool
    public var httpStatus: Int?

    public init(_ message: String, retryable: Bool, httpStatus: Int? = nil) {
        self.message = message
        self.retryable = retryable
        self.httpStatus = httpStatus
    }

    public var description: String { message }
}

/// Calls HTTP tools with a JSON body (or query-less GET), sending `Idempotency-Key`. 5xx, 429 and network
/// errors are retryable; other non-2xx statuses are not.
public struct HTTPToolTransport: ToolTransport {
    public init() {}

    public func send(_ request: ToolRequest) async throws -> PackValue {
        guard case .http(let urlText, let method) = request.endpoint, let url = URL(string: urlText) else {
            throw ToolTransportError("tool \(request.tool) has no HTTP endpoint", retryable: false)
        }
        var urlRequest = URLRequest(url: url, timeoutInterval: request.timeout.seconds)
        urlRequest.httpMethod = method.uppercased()
        urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        urlRequest.setValue(request.idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        if urlRequest.httpMethod != "GET" {
            urlRequest.httpBody = try JSONEncoder().encode(request.arguments)
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: urlRequest)
        } catch {
            throw ToolTransportError("HTTP call to \(request.tool) failed: \(error.localizedDescription)", retryable: true)
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw ToolTransportError("HTTP \(status) from \(request.tool)", retryable: status >= 500 || status == 429, httpStatus: status)
        }
        if data.isEmpty { return .null }
        do {
            return try JSONDecoder().decode(PackValue.self, from: data)
        } catch {
            throw ToolTransportError("tool \(request.tool) returned a body that is not JSON", retryable: false, httpStatus: status)
        }
    }
}

/// Runs tools as Swift closures registered by name: for tests, demos and hosts embedding their actions.
public struct InProcessToolTransport: ToolTransport {
    public typealias Handler = @Sendable (PackValue) async throws -> PackValue
    private let handlers: [String: Handler]

    public init(handlers: [String: Handler]) {
        self.handlers = handlers
    }

    public func send(_ request: ToolRequest) async throws -> PackValue {
        guard case .inProcess(let name) = request.endpoint, let handler = handlers[name] else {
            throw ToolTransportError("no in-process handler for \(request.tool)", retryable: false)
        }
        return try await handler(request.arguments)
    }
}
