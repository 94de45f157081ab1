/// A response whose head has arrived and whose body streams as byte chunks.
///
/// Read the body once: either iterate ``body`` or call ``collect(upTo:)``.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPFields
    public var body: HTTPBody

    public init(status: Int, headers: HTTPFields, body: HTTPBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The whole body, failing with ``HTTPTransportError/Kind/bodyTooLarge`` past `maxBytes`.
    public func collect(upTo maxBytes: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in body {
            guard bytes.count + chunk.count <= maxBytes else {
                throw HTTPTransportError(.bodyTooLarge, "the response body exceeds \(maxBytes) bytes")
            }
            bytes += chunk
        }
        return bytes
    }
}

/// A response body as an asynchronous sequence of byte chunks, as they arrive from the network.
public struct HTTPBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    private let stream: AsyncThrowingStream<[UInt8], any Error>

    /// A body from a stream of chunks (the transport's, or a test's).
    public init(_ stream: AsyncThrowingStream<[UInt8], any Error>) {
        self.stream = stream
    }

    /// A body holding `bytes` in one chunk.
    public init(bytes: [UInt8]) {
        stream = AsyncThrowingStream { continuation in
            if !bytes.isEmpty { continuation.yield(bytes) }
            continuation.finish()
        }
    }

    public func makeAsyncIterator() -> AsyncThrowingStream<[UInt8], any Error>.AsyncIterator {
        stream.makeAsyncIterator()
    }
}
