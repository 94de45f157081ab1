import Foundation
import TracewiseHTTP

/// The HTTP side every connector shares: read-only requests through the shared `HTTPTransport` with the
/// shared `HTTPRetryPolicy`, a response size cap, and the source's own reading of rate-limit replies.
///
/// Only `GET` and search `POST`s can be sent: the type has no way to build any other request, so a
/// connector cannot write to a source by mistake.
public struct SourceClient: Sendable {
    /// A read-only request: a `GET`, or a `POST` whose body is a search or query.
    public enum ReadRequest: Sendable {
        case get(String, headers: HTTPFields)
        case search(String, headers: HTTPFields, body: [UInt8])
    }

    /// How a source reports failures: turns a non-success reply (or, for Marketo, a 200 with
    /// `success:false`) into an error that says whether to retry.
    public typealias Classifier = @Sendable (_ status: Int, _ headers: HTTPFields, _ body: JSONValue?) -> SourceReplyError?

    public let source: String
    public let transport: HTTPTransport
    public let retry: HTTPRetryPolicy
    /// Replies larger than this fail instead of filling memory.
    public let maxReplyBytes: Int

    public init(source: String, transport: HTTPTransport = .shared, retry: HTTPRetryPolicy = HTTPRetryPolicy(maxAttempts: 5),
                maxReplyBytes: Int = 64 << 20) {
        self.source = source
        self.transport = transport
        self.retry = retry
        self.maxReplyBytes = maxReplyBytes
    }

    /// Sends `request` (retrying what the policy and `classify` allow) and decodes the reply as JSON.
    public func json(_ request: ReadRequest, classify: @escaping Classifier) async throws -> (JSONValue, HTTPFields) {
        let outgoing: HTTPRequest
        switch request {
        case .get(let url, let headers):
            outgoing = HTTPRequest(method: .get, url: url, headers: headers, headTimeout: .seconds(60))
        case .search(let url, var headers, let body):
            if headers["content-type"] == nil { headers.set("content-type", "application/json") }
            outgoing = HTTPRequest(method: .post, url: url, headers: headers, body: body, headTimeout: .seconds(60))
        }
        let source = self.source, transport = self.transport, limit = maxReplyBytes, policy = retry
        do {
            return try await retry.run { _, deadline in
                let response = try await transport.send(outgoing, deadline: deadline)
                let bytes = try await response.collect(upTo: limit)
                let parsed = bytes.isEmpty ? nil : Result { try JSONValue(utf8: bytes) }
                let body = try? parsed?.get()
                if let failure = classify(response.status, response.headers, body)
                    ?? Self.defaultFailure(response.status, response.headers, body, policy: policy, source: source, endpoint: outgoing.description) {
                    throw failure
                }
                guard let body else {
                    let why = parsed.flatMap { result in
                        guard case .failure(DecodingError.dataCorrupted(let context)) = result else { return nil }
                        return ": \(context.debugDescription)"
                    } ?? ""
                    throw SourceReplyError(error: .malformedPage(source: source, endpoint: outgoing.description, page: 0,
                                                                 reason: "the reply is not JSON (\(bytes.count) bytes)\(why)"), disposition: .fail)
                }
                return (body, response.headers)
            }
        } catch let failure as SourceReplyError {
            throw failure.error
        }
    }

    private static func defaultFailure(_ status: Int, _ headers: HTTPFields, _ body: JSONValue?, policy: HTTPRetryPolicy,
                                       source: String, endpoint: String) -> SourceReplyError? {
        guard !(200..<300).contains(status) else { return nil }
        let disposition = policy.disposition(status: status, headers: headers)
        if status == 429 {
            return SourceReplyError(error: .rateLimited(source: source, endpoint: endpoint, retryAfterSeconds: RetryAfter.delay(in: headers, now: policy.now()).map(\.seconds)),
                                    disposition: disposition)
        }
        return SourceReplyError(error: .sourceError(source: source, endpoint: endpoint, status: status, code: nil,
                                                    message: body.map(Self.message(of:)) ?? "no details"),
                                disposition: disposition)
    }

    /// The first human-readable message in a source's error body, whatever its shape.
    static func message(of body: JSONValue) -> String {
        if let text = body["message"]?.string ?? body["Message"]?.string ?? body["error"]?.string { return text }
        if let messages = body["errorMessages"]?.array, let first = messages.first?.string { return first }
        if let first = body.array?.first, let text = first["message"]?.string { return text }
        if let errors = body["errors"]?.array, let first = errors.first, let text = first["message"]?.string { return text }
        return "no message"
    }
}

/// A failed attempt with its retry decision, as `HTTPRetryPolicy` needs it.
public struct SourceReplyError: Error, RetryClassifiedError, Sendable {
    public var error: ConnectorError
    public var disposition: RetryDisposition

    public init(error: ConnectorError, disposition: RetryDisposition) {
        self.error = error
        self.disposition = disposition
    }

    public var retryDisposition: RetryDisposition { disposition }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
