import Foundation
import Logging
import PostgresNIO
import Synchronization
import TracewiseHTTPTesting
import XCTest

/// The queue's promise under crashes, end to end: three `tracewise worker` processes share one store, workers
/// are SIGKILLed mid-run and replaced, and afterwards every exception finished exactly once, no tool effect
/// was lost or repeated beyond what a crash forces (a call is repeated only by a later attempt of a job whose
/// commit the crash prevented, with the same idempotency key), and every audit chain verifies.
///
/// 5,000 exceptions by default (`TRACEWISE_CRASH_TEST_EXCEPTIONS` scales it for a quick local run), on SQLite
/// always and on PostgreSQL when `TRACEWISE_POSTGRES_URL` is set (in a throw-away database of its own).
final class WorkerCrashTests: XCTestCase {
    private static let steps = ["lookup", "release"]

    func testThreeWorkersKilledMidRunFinishEveryExceptionOnceWithEffectsOnce() async throws {
        let count = Int(ProcessInfo.processInfo.environment["TRACEWISE_CRASH_TEST_EXCEPTIONS"] ?? "") ?? 5_000
        let fixtures = try CLIFixtures.shared()
        try await run(store: "sqlite:" + fixtures.path("crash-\(UUID().uuidString).sqlite"), exceptions: count)
        guard let url = ProcessInfo.processInfo.environment["TRACEWISE_POSTGRES_URL"], !url.isEmpty else {
            print("SKIPPED: TRACEWISE_POSTGRES_URL is not set; the worker crash test ran on SQLite only")
            return
        }
        let database = try await ScratchDatabase.create(serverURL: url)
        do {
            try await run(store: database.url, exceptions: count)
            try await database.drop()
        } catch {
            try? await database.drop()
            throw error
        }
    }

    private func run(store: String, exceptions count: Int) async throws {
        let label = store.hasPrefix("sqlite:") ? "SQLite" : "PostgreSQL"
        let ledger = ToolLedger()
        let server = try await LoopbackFakeServer { request, _ in
            ledger.record(path: request.path, key: request.header("idempotency-key") ?? "")
        }
        do {
            try await run(store: store, label: label, exceptions: count, ledger: ledger, toolServer: server.baseURL)
            try await server.shutdown()
        } catch {
            try? await server.shutdown()
            throw error
        }
    }

    private func run(store: String, label: String, exceptions count: Int, ledger: ToolLedger, toolServer: String) async throws {

        let tenant = "crash-" + UUID().uuidString.prefix(8).lowercased()
        let files = try writeInputs(tenant: tenant, toolServer: toolServer, count: count)
        let submitted = try CLI.run(["exceptions", "submit", "--store", store, "--domain-pack", files.domain,
                                     "--tenant-pack", files.tenant, "--input", files.exceptions])
        XCTAssertEqual(submitted.status, 0, submitted.stderr)
        XCTAssertEqual(try submitted.object()["submitted"] as? Int, count)

        // Three workers; at a quarter and at a half of the releases one of them is SIGKILLed and replaced.
        let started = ContinuousClock.now
        var workers = try (0..<3).map { try WorkerProcess(store: store, name: "\(label)-w\($0)") }
        var killed: [WorkerProcess] = []
        for (threshold, victim) in [(count / 4, 0), (count / 2, 1)] {
            while ledger.releases < threshold && workers.contains(where: \.isRunning) {
                try await Task.sleep(for: .milliseconds(20))
            }
            XCTAssertLessThan(ledger.releases, count, "\(label): the work ended before worker \(victim) could be killed mid-run")
            XCTAssertTrue(workers[victim].isRunning, "\(label): worker \(victim) stopped before it was killed")
            workers[victim].sigkill()
            killed.append(workers[victim])
            workers[victim] = try WorkerProcess(store: store, name: "\(label)-w\(victim)-restarted")
        }
        for worker in workers {
            let status = try await worker.wait(atMost: .seconds(600))
            XCTAssertEqual(status, 0, "\(label) worker \(worker.name) failed: \(worker.stderr())")
        }
        for worker in killed { _ = try await worker.wait(atMost: .seconds(10)) }
        print("\(label): \(count) exceptions, 3 workers, 2 SIGKILLs: \(ContinuousClock.now - started)")

        // Every exception finished exactly once: one outcome, one status change, RESOLVED.
        let listed = try CLI.run(["exceptions", "list", "--store", store, "--tenant", tenant, "--format", "json"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        var attempts: [String: Int] = [:]
        for item in items {
            let id = try XCTUnwrap(item["exceptionId"] as? String)
            XCTAssertNil(attempts[id], "\(label): \(id) listed twice")
            XCTAssertEqual(item["resolutionStatus"] as? String, "RESOLVED", "\(label): \(id)")
            let history = try XCTUnwrap(item["history"] as? [[String: Any]])
            XCTAssertEqual(history.count, 1, "\(label): \(id) finished \(history.count) times")
            let runID = try XCTUnwrap(history.first?["runId"] as? String)
            attempts[id] = try XCTUnwrap(Int(runID.split(separator: "-").last ?? ""), "run id \(runID)")
        }
        XCTAssertEqual(Set(attempts.keys), Set((0..<count).map(Self.exceptionID)), "\(label): exceptions lost or invented")

        // Every tool call happened, under its idempotency key; a key was called again only by a later attempt
        // of its job (the earlier attempt's commit died with its worker), never after a committed success.
        let calls = ledger.snapshot()
        let expectedKeys = Set(attempts.keys.flatMap { id in Self.steps.map { "\(id):\($0)" } })
        XCTAssertEqual(Set(calls.keys), expectedKeys, "\(label): tool calls lost or made under unknown keys")
        var repeated = 0
        for (id, attempt) in attempts {
            let releases = calls["\(id):release"] ?? 0
            XCTAssertLessThanOrEqual(releases, attempt, "\(label): \(id) released \(releases) times in \(attempt) attempts")
            if attempt == 1 { XCTAssertEqual(releases, 1, "\(label): \(id) finished at the first attempt") }
            if releases > 1 { repeated += 1 }
        }
        let retried = attempts.values.filter { $0 > 1 }.count
        XCTAssertGreaterThan(retried, 0, "\(label): no job was retried, so the kills proved nothing")
        print("\(label): \(retried) exceptions retried after the kills, \(repeated) release calls repeated under their key")

        let verified = try CLI.run(["audit", "verify", "--store", store, "--tenant", tenant, "--format", "json"])
        XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)
        XCTAssertGreaterThanOrEqual(try verified.object()["records"] as? Int ?? 0, count)
    }

    private static func exceptionID(_ index: Int) -> String { "PAY-" + String(format: "%05d", index) }

    /// A domain pack whose playbook calls two HTTP tools on the loopback server (a read and a non-idempotent
    /// release, which the server deduplicates by idempotency key), its tenant pack, and `count` exceptions.
    private func writeInputs(tenant: String, toolServer: String, count: Int) throws -> (domain: String, tenant: String, exceptions: String) {
        let fixtures = try CLIFixtures.shared()
        let domain = """
            {"domainName": "payments", "version": "1.0.0", "description": "Stuck payments released through two HTTP tools.",
             "exceptionTypes": [{"name": "PAYMENT_STUCK", "description": "A payment is stuck in a gateway.", "defaultSeverity": "LOW",
                                 "fields": [{"name": "paymentId", "type": "string", "required": true}]}],
             "tools": [
               {"name": "lookup_payment", "description": "Reads the payment's state.", "version": "1.0.0",
                "arguments": {"type": "object", "properties": {"paymentId": {"type": "string"}}, "required": ["paymentId"]},
                "transport": {"type": "http", "endpoint": "\(toolServer)/lookup", "method": "POST"},
                "timeoutMs": 30000, "maxRetries": 0, "idempotent": true, "readOnly": true},
               {"name": "release_payment", "description": "Releases the payment: the side effect.", "version": "1.0.0",
                "arguments": {"type": "object", "properties": {"paymentId": {"type": "string"}}, "required": ["paymentId"]},
                "transport": {"type": "http", "endpoint": "\(toolServer)/release", "method": "POST"},
                "timeoutMs": 30000, "maxRetries": 0, "idempotent": false}],
             "playbooks": [{"id": "release-stuck-payment", "name": "Release a stuck payment", "exceptionTypes": ["PAYMENT_STUCK"],
               "steps": [{"id": "lookup", "tool": "lookup_payment", "arguments": {"paymentId": "{{payload.paymentId}}"}, "onFailure": "stop"},
                         {"id": "release", "tool": "release_payment", "arguments": {"paymentId": "{{payload.paymentId}}"}, "onFailure": "stop"}]}]}
            """
        let tenantPack = """
            {"tenantId": "\(tenant)", "domainName": "payments", "version": "1.0.0", "domainVersion": "^1.0.0",
             "approvedBusinessProcesses": ["release-stuck-payment"],
             "toolsAllowList": [{"tool": "lookup_payment"}, {"tool": "release_payment"}],
             "maxAutoRetries": 0, "escalateIfConfidenceBelow": 0}
            """
        let exceptions = (0..<count).map { index in
            """
            {"exceptionId": "\(Self.exceptionID(index))", "tenantId": "\(tenant)", "sourceSystem": "gateway", \
            "exceptionType": "PAYMENT_STUCK", "timestamp": "2026-11-10T10:00:00Z", "payload": {"paymentId": "P-\(index)"}}
            """
        }
        let paths = (fixtures.path("\(tenant)-domain.json"), fixtures.path("\(tenant)-tenant.json"), fixtures.path("\(tenant)-exceptions.json"))
        try domain.write(toFile: paths.0, atomically: true, encoding: .utf8)
        try tenantPack.write(toFile: paths.1, atomically: true, encoding: .utf8)
        try ("[" + exceptions.joined(separator: ",\n") + "]").write(toFile: paths.2, atomically: true, encoding: .utf8)
        return paths
    }
}

/// The loopback tool server's books: calls per idempotency key, and effects applied once per key (a repeated
/// `release` with a known key is answered from the first result, as payment APIs do).
private final class ToolLedger: Sendable {
    private struct State {
        var calls: [String: Int] = [:]
        var released: Set<String> = []
    }

    private let state = Mutex(State())

    func record(path: String, key: String) -> FakeReply {
        let replayed = state.withLock { state -> Bool in
            state.calls[key, default: 0] += 1
            guard path == "/release" else { return false }
            return !state.released.insert(key).inserted
        }
        return .json(#"{"status":"ok"}"#, headers: replayed ? [("Idempotent-Replayed", "true")] : [])
    }

    /// Release effects applied so far: one per distinct key.
    var releases: Int { state.withLock { $0.released.count } }
    func snapshot() -> [String: Int] { state.withLock { $0.calls } }
}

/// One `tracewise worker --execute --exit-when-idle` process, its output in files (no pipe to fill).
private final class WorkerProcess: @unchecked Sendable {
    let name: String
    private let process = Process()
    private let errorPath: String

    init(store: String, name: String) throws {
        self.name = name
        let fixtures = try CLIFixtures.shared()
        errorPath = fixtures.path("\(name)-\(UUID().uuidString).stderr")
        let outputPath = fixtures.path("\(name)-\(UUID().uuidString).stdout")
        guard FileManager.default.createFile(atPath: errorPath, contents: nil),
              FileManager.default.createFile(atPath: outputPath, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        process.executableURL = try CLI.binary()
        process.arguments = ["worker", "--store", store, "--concurrency", "4", "--exit-when-idle", "--execute",
                             "--lease-seconds", "3"]
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    func sigkill() {
        kill(process.processIdentifier, SIGKILL)
    }

    /// The exit status (a signal number for a killed process); kills the process and fails after `limit`.
    func wait(atMost limit: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            if ContinuousClock.now > deadline {
                sigkill()
                XCTFail("worker \(name) still running after \(limit)")
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func stderr() -> String {
        (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
    }
}

/// An empty database of its own on the server `TRACEWISE_POSTGRES_URL` names, dropped afterwards.
private struct ScratchDatabase {
    let url: String
    private let name: String
    private let server: URLComponents

    static func create(serverURL: String) async throws -> ScratchDatabase {
        let server = try XCTUnwrap(URLComponents(string: serverURL), "TRACEWISE_POSTGRES_URL is not a URL")
        let name = "tracewise_crash_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        var database = server
        database.path = "/" + name
        let scratch = ScratchDatabase(url: try XCTUnwrap(database.string), name: String(name), server: server)
        try await scratch.execute("CREATE DATABASE \(name)")
        return scratch
    }

    func drop() async throws {
        try await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private func execute(_ sql: String) async throws {
        let database = String(server.path.dropFirst())
        let configuration = PostgresConnection.Configuration(
            host: server.host ?? "127.0.0.1", port: server.port ?? 5432, username: server.user ?? "postgres",
            password: server.password, database: database.isEmpty ? "postgres" : database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "crash-test"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "crash-test"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
