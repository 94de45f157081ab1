import Agents
import Foundation
import Packs
import TracewiseTestSupport
import XCTest

/// The shipped sample packs, end to end: batches run, test suites pass, the red team finds nothing, and the
/// audit file detects an edit of any byte at the edited record.
final class SamplePackEndToEndTests: XCTestCase {
    private func bundle(_ domain: String) throws -> PackBundle {
        let directory = SharedData.packageRoot.appendingPathComponent("Examples/Packs/\(domain)")
        return try PackLoader().loadBundle(domainPackAt: directory.appendingPathComponent("domain-pack.yaml"),
                                           tenantPolicyPackAt: directory.appendingPathComponent("tenant-pack.yaml")).get()
    }

    private func exceptions(_ domain: String) throws -> [PackValue] {
        let url = SharedData.packageRoot.appendingPathComponent("Examples/Packs/\(domain)/exceptions.json")
        guard case .array(let items) = try JSONDecoder().decode(PackValue.self, from: Data(contentsOf: url)) else {
            throw XCTSkip("exceptions.json is not an array")
        }
        return items
    }

    func testEverySamplePackPassesItsSuitesAndTheRedTeam() async throws {
        for domain in ["finance", "healthcare", "process-mining"] {
            let packs = try bundle(domain)
            let report = try await PackTestRunner.run(domain: packs.domain, tenant: packs.tenant)
            XCTAssertGreaterThan(report.cases.count, 5, domain)
            XCTAssertEqual(report.cases.filter { !$0.passed }.map { "\($0.caseID): \($0.mismatches)" }, [], domain)
            let redTeam = try await RedTeamSuite.run(domain: packs.domain, tenant: packs.tenant)
            XCTAssertEqual(redTeam.violations, [], domain)
        }
    }

    func testSampleBatchesCoverEveryClassAndTheAuditFileCatchesAnyEdit() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for domain in ["finance", "healthcare", "process-mining"] {
            let packs = try bundle(domain)
            let batch = try exceptions(domain)
            XCTAssertGreaterThanOrEqual(batch.count, 25, domain)
            let file = directory.appendingPathComponent("\(domain).jsonl")
            let audit = try JSONLAuditSink(fileURL: file)
            let pipeline = try await ExceptionPipeline(domain: packs.domain, tenant: packs.tenant, audit: audit)
            let result = await pipeline.run(batch, runID: domain)
            try await audit.sync()
            XCTAssertEqual(result.results.count, batch.count)
            XCTAssertEqual(Set(result.results.compactMap(\.actionability)), Set(Actionability.allCases), domain)
            XCTAssertEqual(Set(result.results.compactMap(\.exception.severity)), Set(Severity.allCases), domain)
            let types = Set(result.results.map(\.exception.exceptionType))
            XCTAssertTrue(Set(packs.domain.exceptionTypes.map(\.name)).isSubset(of: types), domain)

            let bytes = Array(try Data(contentsOf: file))
            XCTAssertTrue(AuditVerifier.verify(bytes: bytes).isValid, domain)
            var random = SystemRandomNumberGenerator()
            for _ in 0..<40 {
                var position = Int.random(in: 0..<bytes.count, using: &random)
                while bytes[position] == UInt8(ascii: "\n") { position = Int.random(in: 0..<bytes.count, using: &random) }
                var edited = bytes
                edited[position] = bytes[position] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
                let record = bytes[..<position].filter { $0 == UInt8(ascii: "\n") }.count + 1
                let report = AuditVerifier.verify(bytes: edited)
                switch report.problem {
                case .hashMismatch(let r)?, .brokenChain(let r)?, .malformedRecord(let r)?:
                    XCTAssertEqual(r, record, "\(domain): edit at byte \(position)")
                case nil:
                    XCTFail("\(domain): edit at byte \(position) went unnoticed")
                }
            }
        }
    }

    func testCriticalExecutesOnlyWhenTheTenantExplicitlyAllowsIt() async throws {
        let strict = PipelineFixtures.tenant()
        var permissive = PipelineFixtures.tenant()
        permissive.noAutoActionIfSeverityIn = []
        permissive.guardrailOverrides.allowLoosening = true
        permissive.guardrailOverrides.humanApprovalThreshold = 1e12
        var withoutLoosening = permissive
        withoutLoosening.guardrailOverrides.allowLoosening = false
        var statuses: [ResolutionStatus] = []
        for tenant in [strict, withoutLoosening, permissive] {
            let pipeline = try await ExceptionPipeline(
                domain: PipelineFixtures.domain, tenant: tenant, options: PipelineOptions(executeTools: true),
                engine: ToolExecutionEngine(inProcess: InProcessToolTransport(handlers: [
                    "reissue": { _ in ["ok": true] }, "notify": { _ in ["ok": true] },
                ])))
            let outcome = await pipeline.run([PipelineFixtures.settlement("x", amount: 90_000_000)], runID: "r").results[0]
            XCTAssertEqual(outcome.exception.severity, .critical)
            statuses.append(outcome.exception.resolutionStatus)
        }
        XCTAssertEqual(statuses, [.pendingApproval, .pendingApproval, .resolved])
    }
}
