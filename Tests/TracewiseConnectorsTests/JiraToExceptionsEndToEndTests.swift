import Agents
import Conformance
import Discovery
import EventLog
import Explain
import Foundation
import Packs
import TracewiseConnectors
import TracewiseHTTP
import TracewiseHTTPTesting
import TracewiseTestSupport
import XCTest

/// The whole product on a business system's data, with no file exported by hand: pull a Jira project from
/// the loopback fake (paged search, long changelogs fetched separately), discover IMf on the pulled log,
/// align the log on the net, explain what drives case duration, and run the exceptions found through the
/// governed pipeline with the sample process-mining packs, the audit chain written and verified.
///
/// The fake project has a known shape, so each step is checked against what it must find: 240 issues go
/// Created → In Progress → Review → Done; every fourth goes round Review → In Progress once more (rework);
/// 12 skip Review (a path IMf's noise filter drops, so exactly those cases deviate); and the issues that
/// `reviewer-slow` reviews wait five days instead of one (the duration driver).
final class JiraToExceptionsEndToEndTests: XCTestCase {
    private let hour: Int64 = 3_600_000_000
    private let start: Int64 = 1_735_689_600_000_000  // 2025-01-01T00:00:00Z

    private struct Truth {
        var issues: [FakeJira.Issue] = []
        var skipping: Set<String> = []
        var slow: Set<String> = []
        var events = 0
    }

    private func project() -> Truth {
        var truth = Truth()
        for n in 1...240 {
            let key = "OPS-\(n)"
            let created = start + Int64(n) * 7 * hour
            var at = created + 2 * hour
            var statuses = [FakeJira.StatusChange("In Progress", at: at, by: "dev-\(n % 4)")]
            let skips = n % 20 == 7
            let slow = !skips && n % 5 == 3
            let reviewer = slow ? "reviewer-slow" : "reviewer-\(n % 3)"
            if !skips {
                at += 8 * hour
                statuses.append(.init("Review", at: at, by: reviewer))
                if n % 4 == 0 {
                    at += 4 * hour
                    statuses.append(.init("In Progress", at: at, by: "dev-\(n % 4)"))
                    at += 6 * hour
                    statuses.append(.init("Review", at: at, by: reviewer))
                }
            }
            at += (slow ? 120 : 24) * hour
            statuses.append(.init("Done", at: at, by: slow ? "reviewer-slow" : "lead-\(n % 2)"))
            truth.issues.append(.init(key: key, created: created, statuses: statuses))
            truth.events += 1 + statuses.count
            if skips { truth.skipping.insert(key) }
            if slow { truth.slow.insert(key) }
        }
        return truth
    }

    func testAJiraPullIsMinedCheckedExplainedAndItsExceptionsRunThroughThePipeline() async throws {
        let truth = project()
        var fake = FakeJira(issues: truth.issues)
        fake.pageSize = 50
        let server = try await LoopbackFakeServer { [fake] request, _ in fake.reply(request) }
        defer { Task { try await server.shutdown() } }

        // 1. Pull: every issue, every event, read-only.
        let jira = JiraConnector(baseURL: server.baseURL, email: "ops@example.com", apiToken: "token",
                                 client: SourceClient(source: "jira", retry: HTTPRetryPolicy(maxAttempts: 3, sleep: { _ in })))
        let pull = try await PullRunner().run(jira, window: try PullWindow(from: start, to: start + 400 * 24 * hour),
                                              tenant: "acme", store: StoredPullStateStore(InMemorySourceStateStore()))
        let log = pull.log
        XCTAssertEqual(pull.report.records, 240)
        XCTAssertEqual(log.caseCount, 240)
        XCTAssertEqual(log.eventCount, truth.events)
        XCTAssertTrue(server.requests.allSatisfy { $0.method == "GET" })
        let stats = LogStatistics(log)
        XCTAssertEqual(stats.variants.count, 3, "plain, rework and skipped review")
        XCTAssertEqual(stats.activities["Review"], 228 + 60, "one review per issue that did not skip it, two for the 60 with rework")

        // 2. Discover IMf: the 12 review skips (5 %) fall under the 0.2 noise threshold, the rework loop (25 %) does not.
        let tree = InductiveMiner(noise: 0.2).discover(from: log)
        let net = tree.petriNet

        // 3. Conformance: exactly the cases that skipped review deviate, each by one model move on Review.
        let alignments = try await Alignments().align(log, on: net)
        let deviations = DeviationReport(alignments, log: log)
        let deviating = Set(deviations.deviationCountsByCase.filter { !$0.value.isEmpty }.keys)
        XCTAssertEqual(deviating, truth.skipping)
        for key in truth.skipping {
            XCTAssertEqual(deviations.deviationCountsByCase[key], ["model move: Review": 1], key)
            XCTAssertLessThan(try XCTUnwrap(deviations.fitnessByCase[key]), 1)
        }
        XCTAssertEqual(Set(deviations.fitnessByCase.keys), truth.skipping, "the report lists the deviating cases only")

        // 4. Explain case duration: the slow reviewer is the strongest driver.
        let explanation = try ProcessExplanation(log: log, name: "jira-ops", target: .duration, topCases: 10)
        let top = try XCTUnwrap(explanation.globalDrivers.first)
        XCTAssertTrue(top.feature.contains("reviewer-slow"), "top driver: \(top.feature)")
        XCTAssertEqual(top.raisesTargetWhenHigh, true)

        // 5. Exceptions through the governed pipeline, audited.
        let packs = SharedData.packageRoot.appendingPathComponent("Examples/Packs/process-mining")
        let bundle = try XCTUnwrap(PackLoader().loadBundle(domainPackAt: packs.appendingPathComponent("domain-pack.yaml"),
                                                           tenantPolicyPackAt: packs.appendingPathComponent("tenant-pack.yaml")).pack)
        let options = ProcessMiningExceptions.Options(approvalMarkers: ["review"], maximumPerType: 50, processName: "jira-ops",
                                                      mapping: ProcessMiningExceptions.Mapping(domain: bundle.domain))
        let raw = ProcessMiningExceptions(options: options).exceptions(
            from: log, deviations: CaseDeviations(countsByCase: deviations.deviationCountsByCase),
            fitness: deviations.fitnessByCase, explanation: explanation)
        let cases = { (type: String) in
            Set(raw.filter { $0["exceptionType"]?.stringValue == type }
                .compactMap { $0[path: "payload.\(options.mapping.caseIDField)"]?.stringValue })
        }
        XCTAssertEqual(cases("SKIPPED_APPROVAL"), truth.skipping, "the skipped reviews, exactly")
        XCTAssertEqual(cases("UNEXPECTED_ACTIVITY"), [])
        XCTAssertFalse(cases("SLA_BREACH").isEmpty)
        XCTAssertTrue(cases("SLA_BREACH").isSubset(of: truth.slow), "SLA breaches are the slow reviewer's cases: \(cases("SLA_BREACH").subtracting(truth.slow))")

        let auditFile = FileManager.default.temporaryDirectory.appendingPathComponent("jira-e2e-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: auditFile) }
        let audit = try JSONLAuditSink(fileURL: auditFile)
        let pipeline = try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant, audit: audit)
        let run = await pipeline.run(raw, runID: "jira-e2e")
        try await audit.sync()
        XCTAssertEqual(run.results.count, raw.count)
        XCTAssertEqual(Set(run.results.map(\.exception.exceptionID)).count, raw.count, "each exception has one outcome")
        let verified = try AuditVerifier.verify(fileAt: auditFile)
        XCTAssertTrue(verified.isValid, "\(String(describing: verified.problem))")
        XCTAssertGreaterThan(verified.validRecords, raw.count)
    }
}
