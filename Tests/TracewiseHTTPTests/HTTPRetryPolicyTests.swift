import Foundation
import TracewiseHTTP
import XCTest

final class HTTPRetryPolicyTests: XCTestCase {
    private struct Failure: RetryClassifiedError, Equatable {
        var retryDisposition: RetryDisposition
    }

    private final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Duration] = []
        func append(_ value: Duration) { lock.withLock { values.append(value) } }
        var all: [Duration] { lock.withLock { values } }
    }

    func testStatusesThatAreRetriedAndThoseThatAreNot() {
        let policy = HTTPRetryPolicy()
        for status in [408, 409, 429, 500, 502, 503, 529] {
            XCTAssertEqual(policy.disposition(status: status, headers: HTTPFields()), .retry(after: nil), "\(status)")
        }
        for status in [200, 400, 401, 403, 404, 413, 422] {
            XCTAssertEqual(policy.disposition(status: status, headers: HTTPFields()), .fail, "\(status)")
        }
    }

    func testShouldRetryHeaderOverridesTheStatus() {
        let policy = HTTPRetryPolicy()
        XCTAssertEqual(policy.disposition(status: 429, headers: HTTPFields(["x-should-retry": "false"])), .fail)
        XCTAssertEqual(policy.disposition(status: 400, headers: HTTPFields(["x-should-retry": "true"])), .retry(after: nil))
    }

    func testRetryAfterForms() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        XCTAssertEqual(RetryAfter.delay(in: HTTPFields(["retry-after-ms": "1500"]), now: now), .milliseconds(1500))
        XCTAssertEqual(RetryAfter.delay(in: HTTPFields(["retry-after-ms": "250", "retry-after": "9"]), now: now), .milliseconds(250))
        XCTAssertEqual(RetryAfter.delay(in: HTTPFields(["retry-after": "3"]), now: now), .seconds(3))
        let date = "Tue, 14 Nov 2023 22:13:30 GMT"   // 1_700_000_010
        XCTAssertEqual(RetryAfter.delay(in: HTTPFields(["retry-after": date]), now: now), .seconds(10))
        XCTAssertEqual(RetryAfter.delay(in: HTTPFields(["retry-after": "Tuesday, 14-Nov-23 22:13:30 GMT"]), now: now), .seconds(10))
        XCTAssertEqual(RetryAfter.delay(in: HTTPFields(["retry-after": "Tue Nov 14 22:13:30 2023"]), now: now), .seconds(10))
        XCTAssertEqual(RetryAfter.delay(in: HTTPFields(["retry-after": "Mon, 13 Nov 2023 00:00:00 GMT"]), now: now), .zero)
        XCTAssertNil(RetryAfter.delay(in: HTTPFields(["retry-after": "soon"]), now: now))
        XCTAssertNil(RetryAfter.delay(in: HTTPFields(), now: now))
    }

    func testBackoffDoublesIsCappedAndJittered() {
        let policy = HTTPRetryPolicy(initialDelay: .milliseconds(100), maxDelay: .milliseconds(350), jitter: 0.5, random: { 1 })
        XCTAssertEqual(policy.delay(afterAttempt: 1, serverDelay: nil), .milliseconds(50))
        XCTAssertEqual(policy.delay(afterAttempt: 2, serverDelay: nil), .milliseconds(100))
        XCTAssertEqual(policy.delay(afterAttempt: 5, serverDelay: nil), .milliseconds(175))
        let noJitter = HTTPRetryPolicy(initialDelay: .milliseconds(100), maxDelay: .milliseconds(350), jitter: 0.5, random: { 0 })
        XCTAssertEqual(noJitter.delay(afterAttempt: 3, serverDelay: nil), .milliseconds(350))
        XCTAssertEqual(noJitter.delay(afterAttempt: 1, serverDelay: .seconds(2)), .seconds(2))
        XCTAssertEqual(noJitter.delay(afterAttempt: 1, serverDelay: .seconds(600)), .milliseconds(100), "too long a server delay is ignored")
    }

    func testRunRetriesOnlyRetryableErrorsWithinAttemptsAndDeadline() async throws {
        let waits = Recorder()
        let policy = HTTPRetryPolicy(maxAttempts: 4, initialDelay: .milliseconds(10), jitter: 0, totalDeadline: .seconds(30),
                                 sleep: { waits.append($0) })
        let attempts = Recorder()
        let value = try await policy.run { attempt, _ in
            attempts.append(.seconds(attempt))
            if attempt < 3 { throw Failure(retryDisposition: .retry(after: attempt == 1 ? .milliseconds(7) : nil)) }
            return 42
        }
        XCTAssertEqual(value, 42)
        XCTAssertEqual(attempts.all.count, 3)
        XCTAssertEqual(waits.all, [.milliseconds(7), .milliseconds(20)])

        let fatal = Recorder()
        do {
            _ = try await policy.run { _, _ -> Int in
                fatal.append(.zero)
                throw Failure(retryDisposition: .fail)
            }
            XCTFail("expected a failure")
        } catch let failure as Failure {
            XCTAssertEqual(failure.retryDisposition, .fail)
        }
        XCTAssertEqual(fatal.all.count, 1, "a .fail error is never retried")

        let tight = HTTPRetryPolicy(maxAttempts: 10, jitter: 0, totalDeadline: .seconds(5), sleep: { _ in })
        let counted = Recorder()
        do {
            _ = try await tight.run { _, _ -> Int in
                counted.append(.zero)
                throw Failure(retryDisposition: .retry(after: .seconds(6)))
            }
            XCTFail("expected a failure")
        } catch is Failure {}
        XCTAssertEqual(counted.all.count, 1, "a wait that would pass the total deadline is not made")
    }
}
