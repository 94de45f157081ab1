import Foundation
import TracewiseHTTP
import TracewiseHTTPTesting
import XCTest

final class HTTPTransportTests: XCTestCase {
    func testStreamsABodyThatArrivesInPiecesAndDecodesItsEvents() async throws {
        let text = "event: a\ndata: 1\n\nevent: b\ndata: é\n\n"
        let server = try await LoopbackFakeServer { _, _ in
            .stream(text, contentType: "text/event-stream", chunkSizes: [1, 2, 3])
        }
        let response = try await HTTPTransport.shared.send(HTTPRequest(method: .get, url: server.baseURL + "/events"),
                                                           deadline: .now + .seconds(20))
        XCTAssertEqual(response.status, 200)
        var events: [ServerSentEvent] = []
        for try await event in response.body.serverSentEvents() { events.append(event) }
        XCTAssertEqual(events, [ServerSentEvent(event: "a", data: "1"), ServerSentEvent(event: "b", data: "é")])
        try await server.shutdown()
    }

    func testHeadTimeoutFiresWhenTheFirstByteIsLate() async throws {
        let server = try await LoopbackFakeServer { _, _ in
            try? await Task.sleep(for: .seconds(3))
            return .json("{}")
        }
        let started = ContinuousClock.now
        do {
            _ = try await HTTPTransport.shared.send(
                HTTPRequest(method: .get, url: server.baseURL, headTimeout: .milliseconds(200)), deadline: .now + .seconds(20))
            XCTFail("expected a timeout")
        } catch let error as HTTPTransportError {
            XCTAssertEqual(error.kind, .headTimeout)
            XCTAssertEqual(error.retryDisposition, .retry(after: nil))
        }
        XCTAssertLessThan(started.duration(to: .now), .seconds(3))
        try await server.shutdown()
    }

    func testACutStreamIsReportedAsInterrupted() async throws {
        let server = try await LoopbackFakeServer { _, _ in
            .stream(String(repeating: "data: x\n\n", count: 50), contentType: "text/event-stream", cutAfter: 100)
        }
        let response = try await HTTPTransport.shared.send(HTTPRequest(method: .get, url: server.baseURL),
                                                           deadline: .now + .seconds(20))
        do {
            for try await _ in response.body {}
            XCTFail("expected the body to break off")
        } catch let error as HTTPTransportError {
            XCTAssertEqual(error.kind, .bodyInterrupted)
        }
        try await server.shutdown()
    }

    func testCancellationClosesTheRequest() async throws {
        let server = try await LoopbackFakeServer { _, _ in
            FakeReply(headers: [("content-type", "text/plain")], parts: [.bytes(Array("a".utf8)), .pause(.seconds(5)), .bytes(Array("b".utf8))])
        }
        let task = Task {
            let response = try await HTTPTransport.shared.send(HTTPRequest(method: .get, url: server.baseURL),
                                                               deadline: .now + .seconds(20))
            for try await _ in response.body {}
        }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        task.cancel()
        _ = await task.result
        XCTAssertLessThan(started.duration(to: .now), .seconds(4))
        try await server.shutdown()
    }

    /// async-http-client keeps retrying a refused connection until the request's time is up, so the
    /// failure arrives as a connection error or as the head timeout — retryable either way, and in time.
    func testARefusedConnectionFailsRetryablyWithinTheHeadTimeout() async throws {
        let server = try await LoopbackFakeServer { _, _ in .json("{}") }
        let url = server.baseURL
        try await server.shutdown()
        let started = ContinuousClock.now
        do {
            _ = try await HTTPTransport.shared.send(HTTPRequest(method: .get, url: url, headTimeout: .milliseconds(500)),
                                                    deadline: .now + .seconds(10))
            XCTFail("expected a connection error")
        } catch let error as HTTPTransportError {
            XCTAssertTrue([.connection, .headTimeout].contains(error.kind), "\(error)")
            XCTAssertEqual(error.retryDisposition, .retry(after: nil))
        }
        XCTAssertLessThan(started.duration(to: .now), .seconds(5))
    }

    func testAnInvalidURLIsRejectedBeforeSending() async throws {
        do {
            _ = try await HTTPTransport.shared.send(HTTPRequest(method: .get, url: "ftp://example.com/x"), deadline: .now + .seconds(1))
            XCTFail("expected invalidURL")
        } catch let error as HTTPTransportError {
            XCTAssertEqual(error.kind, .invalidURL)
            XCTAssertEqual(error.retryDisposition, .fail)
        }
    }

    func testProxySettingsFromTheEnvironment() {
        let settings = ProxySettings.fromEnvironment(["HTTPS_PROXY": "http://user:pw@proxy.local:3128", "no_proxy": "internal.example, .corp"])
        XCTAssertEqual(settings.https?.host, "proxy.local")
        XCTAssertEqual(settings.https?.port, 3128)
        XCTAssertEqual(settings.https?.credentials, "user:pw")
        XCTAssertNil(settings.http)
        XCTAssertNotNil(settings.proxy(for: URL(string: "https://api.openai.com/v1")!))
        XCTAssertNil(settings.proxy(for: URL(string: "https://api.internal.example/x")!))
        XCTAssertNil(settings.proxy(for: URL(string: "https://a.corp/x")!))
        XCTAssertNil(settings.proxy(for: URL(string: "http://127.0.0.1:8080")!))
        XCTAssertNil(settings.proxy(for: URL(string: "http://example.com")!), "no HTTP proxy configured")
    }
}
