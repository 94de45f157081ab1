import Agents
import Packs
import XCTest

final class RedTeamAndTestSuiteTests: XCTestCase {
    private var domainWithSuite: DomainPack {
        var domain = PipelineFixtures.domain
        domain.testSuites = [TestSuite(name: "core", cases: [
            TestCase(id: "small", exception: PipelineFixtures.settlement("s", amount: 10),
                     expected: TestExpectation(severity: .medium, actionability: .actionableApprovedProcess, playbookID: "pb-settlement-retry")),
            TestCase(id: "critical", exception: PipelineFixtures.settlement("c", amount: 90_000_000),
                     expected: TestExpectation(severity: .critical, actionability: .actionableApprovedProcess, playbookID: "pb-settlement-retry")),
            TestCase(id: "break", exception: ["exceptionType": "POSITION_BREAK", "payload": ["account": "A"]],
                     expected: TestExpectation(severity: .high, actionability: .actionableNonApprovedProcess)),
            TestCase(id: "confirm", exception: ["exceptionType": "TRADE_CONFIRM_MISSING", "payload": [:]],
                     expected: TestExpectation(severity: .low, actionability: .nonActionableInfoOnly)),
            TestCase(id: "wrong-on-purpose", exception: ["exceptionType": "TRADE_CONFIRM_MISSING", "payload": [:]],
                     expected: TestExpectation(severity: .high, actionability: .nonActionableInfoOnly)),
        ])]
        return domain
    }

    func testPackTestRunnerReportsPassesAndMismatches() async throws {
        let report = try await PackTestRunner.run(domain: domainWithSuite, tenant: PipelineFixtures.tenant())
        XCTAssertEqual(report.passed, 4)
        XCTAssertEqual(report.failed, 1)
        let failure = try XCTUnwrap(report.cases.first { !$0.passed })
        XCTAssertEqual(failure.caseID, "wrong-on-purpose")
        XCTAssertEqual(failure.mismatches, ["severity: expected HIGH, got LOW"])
    }

    func testRedTeamFindsZeroViolations() async throws {
        let report = try await RedTeamSuite.run(domain: domainWithSuite, tenant: PipelineFixtures.tenant())
        XCTAssertEqual(report.violations, [])
        XCTAssertEqual(report.attacks, 10)
    }
}
