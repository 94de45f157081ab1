import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on 127.0.0.1 (an ephemeral port) for tests and benchmarks of network clients:
/// every request is recorded and answered by a handler that returns a ``FakeReply`` — status, headers and
/// a body sent as separate writes with optional pauses between them (to split streams at awkward byte
/// boundaries or delay the first byte), or cut off mid-way by closing the connection.
///
/// ```swift
/// let server = try await LoopbackFakeServer { request, number in
///     number == 1 ? .json(status: 429, #"{"error":"slow down"}"#, headers: ["retry-after": "0"])
///                 : .json(#"{"ok":true}"#)
/// }
/// defer { Task { try await server.shutdown() } }
/// // point the client at server.baseURL
/// ```
public final class LoopbackFakeServer: Sendable {
    /// Answers the `number`-th (1-based) request.
    public typealias Handler = @Sendable (_ request: FakeRequest, _ number: Int) async -> FakeReply

    private let channel: any Channel
    private let state: NIOLockedValueBox<[FakeRequest]>

    /// The port the server listens on.
    public let port: Int

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts a server that answers with `handler`.
    public init(handler: @escaping Handler) async throws {
        let state = NIOLockedValueBox<[FakeRequest]>([])
        self.state = state
        let responder = Responder(handler: handler, state: state)
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(FakeHTTPHandler(responder: responder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    /// Every request received so far, in arrival order.
    public var requests: [FakeRequest] { state.withLockedValue { $0 } }

    /// How many requests arrived.
    public var requestCount: Int { state.withLockedValue { $0.count } }

    /// Stops listening (open connections close as their replies end).
    public func shutdown() async throws {
        try await channel.close()
    }
}

/// Records requests and asks the handler for replies.
struct Responder: Sendable {
    let handler: LoopbackFakeServer.Handler
    let state: NIOLockedValueBox<[FakeRequest]>

    func reply(to request: FakeRequest) async -> FakeReply {
        let number = state.withLockedValue { requests in
            requests.append(request)
            return requests.count
        }
        return await handler(request, number)
    }
}

/// Collects one request at a time and writes the handler's reply part by part.
final class FakeHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let responder: Responder
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(responder: Responder) {
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.removeAll()
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            let request = FakeRequest(method: head.method.rawValue, uri: head.uri,
                                      headers: head.headers.map { ($0.name, $0.value) }, body: body)
            let keepAlive = head.isKeepAlive
            let eventLoop = context.eventLoop
            let bound = NIOLoopBound(context, eventLoop: eventLoop)
            let responder = self.responder
            Task {
                let reply = await responder.reply(to: request)
                await FakeReplyWriter.write(reply, keepAlive: keepAlive, to: bound, on: eventLoop)
            }
        }
    }
}

/// Writes a ``FakeReply`` part by part on the channel's event loop.
enum FakeReplyWriter {
    static func write(_ reply: FakeReply, keepAlive: Bool, to context: NIOLoopBound<ChannelHandlerContext>,
                              on eventLoop: any EventLoop) async {
        var headers = HTTPHeaders(reply.headers)
        let total = reply.parts.reduce(0) { if case .bytes(let b) = $1 { $0 + b.count } else { $0 } }
        let streamed = reply.parts.contains { if case .bytes = $0 { false } else { true } }
        if !streamed, !headers.contains(name: "content-length") { headers.add(name: "content-length", value: String(total)) }
        if !keepAlive { headers.replaceOrAdd(name: "connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        await run(on: eventLoop) { context.value.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil) }
        for part in reply.parts {
            switch part {
            case .bytes(let bytes):
                await run(on: eventLoop) {
                    let buffer = context.value.channel.allocator.buffer(bytes: bytes)
                    context.value.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(buffer))), promise: nil)
                }
            case .pause(let duration):
                await run(on: eventLoop) { context.value.flush() }
                try? await Task.sleep(for: duration)
            case .cut:
                await run(on: eventLoop) {
                    context.value.flush()
                    context.value.close(promise: nil)
                }
                return
            }
        }
        await run(on: eventLoop) {
            let promise = context.value.eventLoop.makePromise(of: Void.self)
            context.value.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: promise)
            if !keepAlive { promise.futureResult.whenComplete { _ in context.value.close(promise: nil) } }
        }
    }

    private static func run(on eventLoop: any EventLoop, _ body: @escaping @Sendable () -> Void) async {
        try? await eventLoop.submit(body).get()
    }
}
