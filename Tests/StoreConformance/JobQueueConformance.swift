import Agents
import EventLog
import XCTest

/// The checks every ``JobQueue`` must pass: ordering, leases, heartbeats, fencing of stale workers, retries
/// with backoff, dead letters, dedupe keys and tenant separation of dedupe keys. Only lease *expiry* waits on
/// the clock, and only in the direction that load cannot break (a lease of 1 ms is surely expired after 50 ms).
public enum JobQueueConformance {
    public static func run(_ queue: any JobQueue, file: StaticString = #filePath, line: UInt = #line) async throws {
        let payload: [UInt8] = Array(#"{"exceptionId":"E-1"}"#.utf8)
        do {
            let value = try await queue.hasUnfinishedJobs()
            XCTAssertFalse(value, "an empty queue has no unfinished job", file: file, line: line)
        }
        let ids = try await queue.enqueue([
            NewJob(tenantID: "tenant-a", kind: JobKind.exception, payload: payload, dedupeKey: "E-1", maxAttempts: 2),
            NewJob(tenantID: "tenant-a", kind: JobKind.exception, payload: [1, 2, 3], dedupeKey: "E-2", maxAttempts: 1),
            NewJob(tenantID: "tenant-b", kind: JobKind.exception, payload: [4], dedupeKey: "E-1"),
        ])
        XCTAssertEqual(Set(ids).count, 3, "the same dedupe key in two tenants names two jobs", file: file, line: line)
        do {
            let value = try await queue.enqueue([NewJob(tenantID: "tenant-a", kind: JobKind.exception, payload: [9], dedupeKey: "E-1")])
            XCTAssertEqual(value,
                       [ids[0]], "a repeated dedupe key returns the existing job", file: file, line: line)
        }
        do {
            let value = try await queue.counts()
            XCTAssertEqual(value, JobCounts(queued: 3), file: file, line: line)
            let unfinished = try await queue.hasUnfinishedJobs()
            XCTAssertTrue(unfinished, "queued jobs are unfinished", file: file, line: line)
        }

        // Claims lease jobs oldest first, each to one worker.
        let first = try await queue.claim(worker: "w1", limit: 2, lease: .seconds(60))
        XCTAssertEqual(first.map(\.id), [ids[0], ids[1]], file: file, line: line)
        XCTAssertEqual(first[0].payload, payload, file: file, line: line)
        XCTAssertEqual(first[0].tenantID, "tenant-a", file: file, line: line)
        XCTAssertEqual(first[0].dedupeKey, "E-1", file: file, line: line)
        XCTAssertEqual(first.map(\.attempt), [1, 1], file: file, line: line)
        let second = try await queue.claim(worker: "w2", limit: 5, lease: .seconds(60))
        XCTAssertEqual(second.map(\.id), [ids[2]], file: file, line: line)
        do {
            let value = try await queue.claim(worker: "w3", limit: 5, lease: .seconds(60))
            XCTAssertEqual(value, [], file: file, line: line)
            let unfinished = try await queue.hasUnfinishedJobs()
            XCTAssertTrue(unfinished, "running jobs are unfinished (nothing is queued now)", file: file, line: line)
        }

        // Only the lease holder may heartbeat, complete or fail.
        try await queue.heartbeat(ids[0], worker: "w1", lease: .seconds(60))
        await EventLogStoreConformance.assertThrows(.leaseLost, file: file, line: line) { try await queue.complete(ids[0], worker: "w2") }
        await EventLogStoreConformance.assertThrows(.leaseLost, file: file, line: line) {
            try await queue.heartbeat(ids[2], worker: "w1", lease: .seconds(1))
        }
        try await queue.complete(ids[2], worker: "w2")
        await EventLogStoreConformance.assertThrows(.leaseLost, file: file, line: line) { try await queue.complete(ids[2], worker: "w2") }

        // A failure with attempts left is retried after the backoff; none left → dead letter.
        let retried = try await queue.fail(ids[0], worker: "w1", error: "tool timed out", retryAfter: .seconds(3_600))
        guard case .retrying = retried else { return XCTFail("expected a retry, got \(retried)", file: file, line: line) }
        do {
            let value = try await queue.claim(worker: "w3", limit: 5, lease: .seconds(60))
            XCTAssertEqual(value, [], "backoff not yet elapsed", file: file, line: line)
        }
        do {
            let value = try await queue.fail(ids[1], worker: "w1", error: "bad input", retryAfter: .zero)
            XCTAssertEqual(value, .deadLettered, file: file, line: line)
        }
        let dead = try await queue.jobs(in: .deadLettered, limit: 10)
        XCTAssertEqual(dead.map(\.id), [ids[1]], file: file, line: line)
        XCTAssertEqual(dead.first?.lastError, "bad input", file: file, line: line)
        XCTAssertEqual(dead.first?.attempts, 1, file: file, line: line)
        do {
            let value = try await queue.counts()
            XCTAssertEqual(value, JobCounts(queued: 1, succeeded: 1, deadLettered: 1), file: file, line: line)
        }

        // A dead letter can be queued again by an operator.
        do {
            let value = try await queue.retryDeadLettered(ids[1])
            XCTAssertTrue(value, file: file, line: line)
        }
        do {
            let value = try await queue.retryDeadLettered(ids[2])
            XCTAssertFalse(value, file: file, line: line)
        }
        let again = try await queue.claim(worker: "w4", limit: 5, lease: .seconds(60))
        XCTAssertEqual(again.map(\.id), [ids[1]], file: file, line: line)
        XCTAssertEqual(again.first?.attempt, 1, file: file, line: line)
        try await queue.complete(ids[1], worker: "w4")

        // An expired lease shows as stuck; the next claim takes the job over and the old holder is fenced off.
        let stuck = try await queue.enqueue([NewJob(tenantID: "tenant-b", kind: JobKind.exception, payload: [5], maxAttempts: 2)])[0]
        do {
            let value = try await queue.claim(worker: "w4", limit: 5, lease: .milliseconds(1)).map(\.id)
            XCTAssertEqual(value, [stuck], file: file, line: line)
        }
        try await Task.sleep(for: .milliseconds(50))
        do {
            let value = try await queue.counts().expiredLeases
            XCTAssertEqual(value, 1, file: file, line: line)
        }
        do {
            let value = try await queue.jobs(in: .running, limit: 10).first?.leaseOwner
            XCTAssertEqual(value, "w4", file: file, line: line)
        }
        let takenOver = try await queue.claim(worker: "w5", limit: 5, lease: .milliseconds(1))
        XCTAssertEqual(takenOver.map(\.id), [stuck], file: file, line: line)
        XCTAssertEqual(takenOver.first?.attempt, 2, file: file, line: line)
        await EventLogStoreConformance.assertThrows(.leaseLost, file: file, line: line) { try await queue.complete(stuck, worker: "w4") }

        // Its lease expires on its last allowed attempt: the next claim dead-letters it instead of running it a third time.
        try await Task.sleep(for: .milliseconds(50))
        do {
            let value = try await queue.claim(worker: "w6", limit: 5, lease: .seconds(60))
            XCTAssertEqual(value, [], file: file, line: line)
        }
        do {
            let value = try await queue.jobs(in: .deadLettered, limit: 10).map(\.id)
            XCTAssertEqual(value, [stuck], file: file, line: line)
        }
        do {
            let value = try await queue.jobs(in: .queued, limit: 10).map(\.id)
            XCTAssertEqual(value, [ids[0]], file: file, line: line)
        }
        do {
            let value = try await queue.counts()
            XCTAssertEqual(value, JobCounts(queued: 1, succeeded: 2, deadLettered: 1), file: file, line: line)
            let unfinished = try await queue.hasUnfinishedJobs()
            XCTAssertTrue(unfinished, "a job waiting for its retry time is unfinished", file: file, line: line)
        }
        await EventLogStoreConformance.assertThrows(.invalidArgument, file: file, line: line) {
            _ = try await queue.enqueue([NewJob(tenantID: "", kind: JobKind.exception, payload: [])])
        }
    }
}
