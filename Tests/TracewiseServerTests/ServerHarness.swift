import Agents
import EventLog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Packs
import PostgresTestSupport
import TracewisePostgres
import TracewiseServer
import TracewiseTestSupport
import XCTest

/// A TracewiseAPI on in-memory stores with keys for two tenants (`acme`: admin, operator, viewer;
/// `globex`: admin), its job worker running, and helpers to call it through HummingbirdTesting's router client.
struct ServerHarness: Sendable {
    let api: TracewiseAPI
    let routes: [(method: String, path: String)]
    var keys: [String: String] = [:]
    /// The documented operations (`METHOD TEMPLATE STATUS`) whose real responses were checked against the OpenAPI document.
    let checked = ContractCheckingClient.Seen()

    init(stores: ServerStores = .inMemory(), configure: (inout ServerConfiguration) -> Void = { _ in }) async throws {
        var configuration = ServerConfiguration()
        configuration.staticDirectory = SharedData.packageRoot.appendingPathComponent("Web").path
        configuration.prometheusText = { "# HELP up\nup 1\n" }
        configure(&configuration)
        api = TracewiseAPI(stores: stores, configuration: configuration)
        routes = api.addRoutes(to: Router(context: TracewiseRequestContext.self))
        for (name, tenant, role) in [("admin", "acme", Role.admin), ("operator", "acme", .operator), ("viewer", "acme", .viewer),
                                     ("globex", "globex", .admin)] {
            let (key, record) = APIKeys.make(tenant: tenant, role: role)
            try await api.stores.keys.insert(record)
            keys[name] = key
        }
    }

    /// Runs `body` on a harness over in-memory stores and, when `TRACEWISE_POSTGRES_URL` is set (CI sets it),
    /// again over the PostgreSQL stores (logs, results, exceptions, jobs) in a throw-away database.
    static func onEachStore(configure: (inout ServerConfiguration) -> Void = { _ in },
                            _ body: (ServerHarness) async throws -> Void) async throws {
        try await withEachStores { stores in try await body(try await ServerHarness(stores: stores, configure: configure)) }
    }

    /// Runs `body` with in-memory stores and, when `TRACEWISE_POSTGRES_URL` is set, with the PostgreSQL stores
    /// (logs, results, exceptions, jobs, cursors, approvals, audit chains, API keys) of a throw-away database.
    static func withEachStores(_ body: (ServerStores) async throws -> Void) async throws {
        try await body(.inMemory())
        guard PostgresTestDatabase.isConfigured else {
            print("NOTE: TRACEWISE_POSTGRES_URL is not set; this route test ran on the in-memory stores only")
            return
        }
        let database = try await PostgresTestDatabase.create()
        let store: PostgresStore
        do {
            store = try await PostgresStore(configuration: database.configuration)
        } catch {
            try? await database.drop()
            throw error
        }
        do {
            try await body(ServerStores(database: store))
        } catch {
            store.close()
            try? await database.drop()
            throw error
        }
        store.close()
        try await database.drop()
    }

    /// Runs `body` with a router test client while the API's background services run (unless
    /// `runningServices` is false: a process that accepts but never works off its queue); every response is
    /// checked against Web/openapi.json (``ContractCheckingClient``).
    func test(runningServices: Bool = true, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let services = runningServices ? api.services : []
        let workers = Task {
            await withTaskGroup(of: Void.self) { group in
                for service in services { group.addTask { try? await service.run() } }
            }
        }
        defer { workers.cancel() }
        let app = Application(router: api.makeRouter())
        let checked = self.checked
        try await app.test(.router) { client in try await body(ContractCheckingClient(base: client, seen: checked)) }
    }

    func headers(_ key: String?, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields = extra
        if let key { fields[.authorization] = "Bearer \(keys[key] ?? key)" }
        return fields
    }

    /// The generated order-to-cash log as XES (gzip when the name ends in .gz), and the log as read back from
    /// those bytes (what the server parses).
    static func generatedLog(events: Int = 2_000, name: String = "orders.xes.gz") throws -> (bytes: [UInt8], log: EventLog) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-test-\(UUID().uuidString)-\(name)")
        defer { try? FileManager.default.removeItem(at: url) }
        try SyntheticLog.generate(events: events, seed: 7).write(to: url)
        let bytes = Array(try Data(contentsOf: url))
        return (bytes, try EventLog(contentsOf: url))
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any], String(buffer: response.body))
    }

    static func jsonArray(_ response: TestResponse) throws -> [[String: Any]] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]], String(buffer: response.body))
    }

    /// Asserts a problem+json answer with `status` and `code`.
    static func assertProblem(_ response: TestResponse, _ status: HTTPResponse.Status, _ code: String,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(response.status, status, String(buffer: response.body), file: file, line: line)
        XCTAssertEqual(response.headers[.contentType], "application/problem+json", file: file, line: line)
        let body = try json(response)
        XCTAssertEqual(body["code"] as? String, code, file: file, line: line)
        XCTAssertEqual(body["status"] as? Int, Int(status.code), file: file, line: line)
        XCTAssertEqual(body["type"] as? String, "urn:tracewise:problem:" + code, file: file, line: line)
    }

    /// Uploads `bytes` as `name` for `tenant` and returns the log id.
    static func upload(_ client: any TestClientProtocol, _ harness: ServerHarness, bytes: [UInt8], name: String = "orders.xes.gz",
                       tenant: String = "acme", key: String = "operator") async throws -> String {
        let response = try await client.execute(uri: "/tenants/\(tenant)/logs?name=\(name)", method: .post,
                                                headers: harness.headers(key), body: ByteBuffer(bytes: bytes))
        XCTAssertEqual(response.status, .created, String(buffer: response.body))
        return try XCTUnwrap(json(response)["id"] as? String)
    }

    /// Submits an analysis of `logId` and waits until it is final; returns its id and final status body.
    static func analyse(_ client: any TestClientProtocol, _ harness: ServerHarness, logID: String,
                        tenant: String = "acme", key: String = "operator") async throws -> (id: String, status: [String: Any]) {
        let submitted = try await client.execute(uri: "/tenants/\(tenant)/analyses", method: .post, headers: harness.headers(key),
                                                 body: ByteBuffer(string: "{\"logId\":\"\(logID)\"}"))
        XCTAssertEqual(submitted.status, .accepted, String(buffer: submitted.body))
        let id = try XCTUnwrap(json(submitted)["id"] as? String)
        for _ in 0..<1_200 {
            let status = try json(try await client.execute(uri: "/tenants/\(tenant)/analyses/\(id)", method: .get,
                                                           headers: harness.headers(key == "operator" ? "viewer" : key)))
            if let state = status["status"] as? String, ["succeeded", "failed", "cancelled"].contains(state) { return (id, status) }
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTFail("the analysis did not finish in 120 s")
        return (id, [:])
    }

    /// The finance sample packs, with the policy pack rebound to `tenant`.
    static func financePacks(tenant: String = "acme") throws -> (domain: [UInt8], policy: [UInt8]) {
        let folder = SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance")
        let domain = Array(try Data(contentsOf: folder.appendingPathComponent("domain-pack.json")))
        var policy = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("tenant-pack.json"))) as? [String: Any])
        policy["tenantId"] = tenant
        return (domain, Array(try JSONSerialization.data(withJSONObject: policy)))
    }
}
