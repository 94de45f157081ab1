import Agents
import XCTest

final class CircuitBreakerTests: XCTestCase {
    func testOpensAfterThresholdAndRecoversThroughHalfOpen() {
        let start = ContinuousClock.now
        func at(_ seconds: Double) -> ContinuousClock.Instant { start + .seconds(seconds) }
        var breaker = CircuitBreaker(failureThreshold: 2, openDuration: .seconds(10))
        XCTAssertTrue(breaker.allowsCall(at: at(0)))
        breaker.recordFailure(at: at(0))
        XCTAssertEqual(breaker.state, .closed)
        breaker.recordFailure(at: at(1))
        XCTAssertEqual(breaker.state, .open)
        XCTAssertFalse(breaker.allowsCall(at: at(5)))
        XCTAssertTrue(breaker.allowsCall(at: at(11)))
        XCTAssertEqual(breaker.state, .halfOpen)
        breaker.recordFailure(at: at(11))
        XCTAssertEqual(breaker.state, .open)
        XCTAssertFalse(breaker.allowsCall(at: at(12)))
        XCTAssertTrue(breaker.allowsCall(at: at(21.5)))
        breaker.recordSuccess()
        XCTAssertEqual(breaker.state, .closed)
    }

    func testBackoffGrowsAndIsCapped() {
        let policy = RetryPolicy(maxRetries: 5, baseDelay: .milliseconds(100), maxDelay: .milliseconds(500))
        XCTAssertEqual(policy.delayCeiling(forRetry: 1), .milliseconds(100))
        XCTAssertEqual(policy.delayCeiling(forRetry: 3), .milliseconds(400))
        XCTAssertEqual(policy.delayCeiling(forRetry: 4), .milliseconds(500))
        XCTAssertEqual(policy.delayCeiling(forRetry: 40), .milliseconds(500))
        XCTAssertEqual(policy.delay(forRetry: 2, random: 0.5), .milliseconds(100))
    }
}

final class HashedNGramEmbeddingTests: XCTestCase {
    func testSimilarTextsAreCloserThanUnrelatedOnes() {
        let embedding = HashedNGramEmbedding(dimensions: 256)
        func cosine(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        let a = embedding.vector(for: "Settlement failed for trade 42 at custodian")
        let b = embedding.vector(for: "settlement fail on trade 43, custodian rejected")
        let c = embedding.vector(for: "Pharmacy duplicate therapy alert for patient")
        XCTAssertEqual(cosine(a, a), 1, accuracy: 1e-5)
        XCTAssertGreaterThan(cosine(a, b), cosine(a, c) + 0.2)
        XCTAssertEqual(embedding.vector(for: "x y"), embedding.vector(for: "x y"))
    }
}
