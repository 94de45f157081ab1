import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The one HTTP stack of Tracewise's network clients: a shared async-http-client per proxy route
/// (connection pooling, TLS with full certificate verification, no redirects, no decompression), proxies
/// from the environment, a head timeout per request and an overall deadline, and task cancellation that
/// closes the request.
///
/// ```swift
/// let response = try await HTTPTransport.shared.send(
///     HTTPRequest(method: .get, url: "https://example.com/api"), deadline: .now + .seconds(30))
/// let bytes = try await response.collect(upTo: 1 << 20)
/// ```
public final class HTTPTransport: Sendable {
    /// The process-wide transport, with proxies from the environment. Its clients live as long as the
    /// process.
    public static let shared = HTTPTransport(proxies: .fromEnvironment())

    private let direct: HTTPClient
    private let viaHTTPProxy: HTTPClient?
    private let viaHTTPSProxy: HTTPClient?
    private let proxies: ProxySettings

    /// A transport with its own clients. Prefer ``shared``; call ``shutdown()`` on transports you make.
    public init(proxies: ProxySettings = ProxySettings(), connectTimeout: Duration = .seconds(10)) {
        self.proxies = proxies
        func client(_ proxy: ProxySettings.Proxy?) -> HTTPClient {
            var configuration = HTTPClient.Configuration(
                certificateVerification: .fullVerification, redirectConfiguration: .disallow,
                timeout: .init(connect: .nanoseconds(connectTimeout.nanoseconds)), decompression: .disabled)
            configuration.httpVersion = .automatic
            if let proxy {
                configuration.proxy = .server(host: proxy.host, port: proxy.port,
                                              authorization: proxy.credentials.map { .basic(credentials: Data($0.utf8).base64EncodedString()) })
            }
            return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        }
        direct = client(nil)
        viaHTTPProxy = proxies.http.map(client)
        viaHTTPSProxy = proxies.https.map(client)
    }

    /// Closes the clients' connections. Not needed for ``shared``.
    public func shutdown() async throws {
        try await direct.shutdown()
        try await viaHTTPProxy?.shutdown()
        try await viaHTTPSProxy?.shutdown()
    }

    /// Sends `request` and returns once the response head has arrived; the body then streams.
    ///
    /// - Parameter deadline: when the whole exchange, body included, must be over.
    /// - Throws: ``HTTPTransportError`` (`headTimeout`, `connection`, `deadlineExceeded`, `invalidURL`), or
    ///   `CancellationError` when the calling task is cancelled (the request is then closed).
    public func send(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else {
            throw HTTPTransportError(.invalidURL, "cannot send to \(request.description)")
        }
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let client = client(for: url)
        let remaining = ContinuousClock().now.duration(to: deadline)
        guard remaining > .zero else {
            throw HTTPTransportError(.deadlineExceeded, "no time left for \(request.description)")
        }
        let headTimeout = min(request.headTimeout, remaining)
        let nioDeadline = NIODeadline.now() + .nanoseconds(remaining.nanoseconds)
        let described = request.description
        let prepared = outgoing
        let response: HTTPClientResponse
        do {
            response = try await withThrowingTaskGroup(of: HTTPClientResponse?.self) { group in
                group.addTask { try await client.execute(prepared, deadline: nioDeadline) }
                group.addTask {
                    try await Task.sleep(for: headTimeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw HTTPTransportError(.headTimeout, "no response head within \(headTimeout) for \(described)")
                }
                return response
            }
        } catch let error as HTTPTransportError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw Self.classify(error, request: described, afterHead: false)
        }
        var headers = HTTPFields()
        for header in response.headers { headers.append(header.name, header.value) }
        let body = response.body
        let stream = AsyncThrowingStream<[UInt8], any Error> { continuation in
            let task = Task {
                do {
                    for try await buffer in body {
                        continuation.yield(Array(buffer.readableBytesView))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: Task.isCancelled ? CancellationError()
                                        : Self.classify(error, request: described, afterHead: true))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        return HTTPResponse(status: Int(response.status.code), headers: headers, body: HTTPBody(stream))
    }

    private func client(for url: URL) -> HTTPClient {
        guard let proxy = proxies.proxy(for: url) else { return direct }
        return (proxy == proxies.https ? viaHTTPSProxy : viaHTTPProxy) ?? direct
    }

    /// Maps async-http-client's errors to ``HTTPTransportError`` without their text (which can hold URLs).
    private static func classify(_ error: any Error, request: String, afterHead: Bool) -> HTTPTransportError {
        if let client = error as? HTTPClientError, client == .deadlineExceeded {
            return HTTPTransportError(.deadlineExceeded, "the deadline passed during \(request)")
        }
        if afterHead {
            return HTTPTransportError(.bodyInterrupted, "the response body of \(request) broke off (\(Self.kind(of: error)))")
        }
        return HTTPTransportError(.connection, "\(request) failed before a response (\(Self.kind(of: error)))")
    }

    private static func kind(of error: any Error) -> String {
        if let client = error as? HTTPClientError { return String(describing: client) }
        return String(describing: type(of: error))
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product &+ attoseconds / 1_000_000_000
    }
}
