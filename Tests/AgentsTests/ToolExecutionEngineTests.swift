import Agents
import Foundation
import Packs
import XCTest

final class ToolExecutionEngineTests: XCTestCase {
    private let tool = ToolName(tenantID: "acme", domain: "finance", tool: "reissue_settlement")

    private func definition(url: String, timeout: Duration = .seconds(2), retries: Int = 2, idempotent: Bool = true) -> ToolBinding {
        ToolBinding(name: tool, endpoint: .http(url: url, method: "POST"), timeout: timeout,
                       retry: RetryPolicy(maxRetries: retries, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)), idempotent: idempotent)
    }

    func testRetriesServerErrorsThenSucceedsWithOneIdempotencyKey() async throws {
        let server = try LoopbackHTTPServer { number, _, _ in
            number < 3 ? (503, "{}", 0) : (200, #"{"status":"reissued"}"#, 0)
        }
        defer { server.stop() }
        let engine = ToolExecutionEngine()
        await engine.register(definition(url: server.baseURL + "/settle"))
        let outcome = await engine.execute(tool, arguments: ["tradeId": "T-1"], allowList: ["reissue_settlement"], dryRun: false)
        XCTAssertEqual(outcome.status, .success)
        XCTAssertEqual(outcome.attempts, 3)
        XCTAssertEqual(outcome.result?["status"], "reissued")
        let keys = Set(server.headersSeen.compactMap { $0["idempotency-key"] })
        XCTAssertEqual(keys.count, 1)
        let again = await engine.execute(tool, arguments: ["tradeId": "T-1"], allowList: ["reissue_settlement"], dryRun: false)
        XCTAssertEqual(again, outcome, "a repeated call with the same key returns the recorded outcome")
        XCTAssertEqual(server.requests, 3)
    }

    func testTimeoutIsRetriedAndReportedAsFailure() async throws {
        let server = try LoopbackHTTPServer { _, _, _ in (200, "{}", 0.6) }
        defer { server.stop() }
        let engine = ToolExecutionEngine()
        await engine.register(definition(url: server.baseURL, timeout: .milliseconds(200), retries: 1))
        let outcome = await engine.execute(tool, arguments: [:], allowList: ["reissue_settlement"], dryRun: false)
        XCTAssertEqual(outcome.status, .failed)
        XCTAssertEqual(outcome.attempts, 2)
        XCTAssertTrue(outcome.error?.contains("timed out") ?? false, outcome.error ?? "")
    }

    func testClientErrorsAreNotRetriedAndNonIdempotentToolsRunOnce() async throws {
        let server = try LoopbackHTTPServer { number, _, _ in number == 1 ? (400, "{}", 0) : (500, "{}", 0) }
        defer { server.stop() }
        let engine = ToolExecutionEngine()
        await engine.register(definition(url: server.baseURL))
        let first = await engine.execute(tool, arguments: ["a": 1], allowList: ["reissue_settlement"], dryRun: false)
        XCTAssertEqual(first.attempts, 1)
        await engine.register(definition(url: server.baseURL, idempotent: false))
        let second = await engine.execute(tool, arguments: ["a": 2], allowList: ["reissue_settlement"], dryRun: false)
        XCTAssertEqual(second.attempts, 1)
        XCTAssertEqual(server.requests, 2)
    }

    func testCircuitOpensAndRecoversHalfOpen() async throws {
        let server = try LoopbackHTTPServer { number, _, _ in number <= 2 ? (500, "{}", 0) : (200, "{}", 0) }
        defer { server.stop() }
        let now = ManualClock()
        let engine = ToolExecutionEngine(breaker: CircuitBreaker(failureThreshold: 2, openDuration: .seconds(30)),
                                         clock: { now.now }, sleep: { _ in })
        await engine.register(definition(url: server.baseURL, retries: 0))
        for i in 0..<2 {
            let outcome = await engine.execute(tool, arguments: ["i": .number(Double(i))], allowList: ["reissue_settlement"], dryRun: false)
            XCTAssertEqual(outcome.status, .failed)
        }
        let openState = await engine.circuitState(of: tool)
        XCTAssertEqual(openState, .open)
        let refused = await engine.execute(tool, arguments: ["i": 9], allowList: ["reissue_settlement"], dryRun: false)
        XCTAssertEqual(refused.status, .refused)
        XCTAssertEqual(server.requests, 2, "an open circuit sends nothing")
        now.elapsed = .seconds(31)
        let trial = await engine.execute(tool, arguments: ["i": 10], allowList: ["reissue_settlement"], dryRun: false)
        XCTAssertEqual(trial.status, .success)
        let closedState = await engine.circuitState(of: tool)
        XCTAssertEqual(closedState, .closed)
    }

    func testAllowListAndDryRunSendNothing() async throws {
        let server = try LoopbackHTTPServer { _, _, _ in (200, "{}", 0) }
        defer { server.stop() }
        let engine = ToolExecutionEngine()
        await engine.register(definition(url: server.baseURL))
        let forbidden = await engine.execute(tool, arguments: [:], allowList: ["something_else"], dryRun: false)
        XCTAssertEqual(forbidden.status, .refused)
        let dry = await engine.execute(tool, arguments: [:], allowList: ["reissue_settlement"])
        XCTAssertEqual(dry.status, .dryRun)
        let otherTenant = ToolName(tenantID: "globex", domain: "finance", tool: "reissue_settlement")
        let crossTenant = await engine.execute(otherTenant, arguments: [:], allowList: ["reissue_settlement"], dryRun: false)
        XCTAssertEqual(crossTenant.status, .refused)
        XCTAssertEqual(server.requests, 0)
    }
}

private final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var current = Duration.zero
    var now: ContinuousClock.Instant { start + elapsed }
    var elapsed: Duration {
        get { lock.lock(); defer { lock.unlock() }; return current }
        set { lock.lock(); current = newValue; lock.unlock() }
    }
}
