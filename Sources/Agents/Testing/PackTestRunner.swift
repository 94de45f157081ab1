import Packs

/// Runs a domain pack's test suites through the pipeline against a tenant pack (dry run, no memory, no
/// LLM) and compares severity, actionability and playbook with what each case expects.
///
/// ```swift
/// let report = try await PackTestRunner.run(domain: finance, tenant: acme)
/// print(report.passed, "passed,", report.failed, "failed")
/// ```
public enum PackTestRunner {
    /// The result of one test case.
    public struct CaseResult: Sendable, Codable, Hashable {
        public var suite: String
        public var caseId: String
        public var passed: Bool
        public var expected: TestExpectation
        public var actualSeverity: Severity?
        public var actualActionability: Actionability?
        public var actualPlaybookId: String?
        public var mismatches: [String]
    }

    /// All results of a run.
    public struct Report: Sendable, Codable, Hashable {
        public var domain: String
        public var tenantId: String
        public var cases: [CaseResult]
        public var passed: Int { cases.filter(\.passed).count }
        public var failed: Int { cases.count - passed }
    }

    public static func run(domain: DomainPack, tenant: TenantPolicyPack) async throws -> Report {
        let pipeline = try await ExceptionPipeline(domain: domain, tenant: tenant, options: PipelineOptions(executeTools: false),
                                                   memory: nil)
        var cases: [CaseResult] = []
        for suite in domain.testSuites {
            let result = await pipeline.run(suite.cases.map(\.exception), runId: "test-\(suite.name)")
            for (testCase, outcome) in zip(suite.cases, result.results) {
                cases.append(compare(testCase, outcome, suite: suite.name))
            }
        }
        return Report(domain: domain.domainName, tenantId: tenant.tenantId, cases: cases)
    }

    private static func compare(_ testCase: TestCase, _ outcome: ExceptionOutcome, suite: String) -> CaseResult {
        let expected = testCase.expected
        var mismatches: [String] = []
        if outcome.exception.severity != expected.severity {
            mismatches.append("severity: expected \(expected.severity.rawValue), got \(outcome.exception.severity?.rawValue ?? "none")")
        }
        if outcome.actionability != expected.actionability {
            mismatches.append("actionability: expected \(expected.actionability.rawValue), got \(outcome.actionability?.rawValue ?? "none")")
        }
        if outcome.playbookId != expected.playbookId {
            mismatches.append("playbook: expected \(expected.playbookId ?? "none"), got \(outcome.playbookId ?? "none")")
        }
        return CaseResult(suite: suite, caseId: testCase.id, passed: mismatches.isEmpty, expected: expected,
                          actualSeverity: outcome.exception.severity, actualActionability: outcome.actionability,
                          actualPlaybookId: outcome.playbookId, mismatches: mismatches)
    }
}
