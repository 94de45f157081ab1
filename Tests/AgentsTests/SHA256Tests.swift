import Agents
import XCTest

final class SHA256Tests: XCTestCase {
    func testNISTVectors() {
        XCTAssertEqual(SHA256.hexDigest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hexDigest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hexDigest(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

final class CircuitBreakerTests: XCTestCase {
    func testOpensAfterThresholdAndRecoversThroughHalfOpen() {
        var breaker = CircuitBreaker(failureThreshold: 2, openDuration: 10)
        XCTAssertTrue(breaker.allowsCall(at: 0))
        breaker.recordFailure(at: 0)
        XCTAssertEqual(breaker.state, .closed)
        breaker.recordFailure(at: 1)
        XCTAssertEqual(breaker.state, .open)
        XCTAssertFalse(breaker.allowsCall(at: 5))
        XCTAssertTrue(breaker.allowsCall(at: 11))
        XCTAssertEqual(breaker.state, .halfOpen)
        breaker.recordFailure(at: 11)
        XCTAssertEqual(breaker.state, .open)
        XCTAssertFalse(breaker.allowsCall(at: 12))
        XCTAssertTrue(breaker.allowsCall(at: 21.5))
        breaker.recordSuccess()
        XCTAssertEqual(breaker.state, .closed)
    }

    func testBackoffGrowsAndIsCapped() {
        let policy = RetryPolicy(maxRetries: 5, baseDelay: 0.1, maxDelay: 0.5)
        XCTAssertEqual(policy.delayCeiling(forRetry: 1), 0.1, accuracy: 1e-12)
        XCTAssertEqual(policy.delayCeiling(forRetry: 3), 0.4, accuracy: 1e-12)
        XCTAssertEqual(policy.delayCeiling(forRetry: 4), 0.5, accuracy: 1e-12)
        XCTAssertEqual(policy.delay(forRetry: 2, random: 0.5), 0.1, accuracy: 1e-12)
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
