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
        public var caseID: String
        public var passed: Bool
        public var expected: TestExpectation
        public var actualSeverity: Severity?
        public var actualActionability: Actionability?
        public var actualPlaybookID: String?
        public var mismatches: [String]

        /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
        private enum CodingKeys: String, CodingKey {
            case suite, caseID = "caseId", passed, expected, actualSeverity, actualActionability, actualPlaybookID = "actualPlaybookId", mismatches
        }
    }

    /// All results of a run.
    public struct Report: Sendable, Codable, Hashable {
        public var domain: String
        public var tenantID: String
        public var cases: [CaseResult]
        public var passed: Int { cases.filter(\.passed).count }
        public var failed: Int { cases.count - passed }

        /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
        private enum CodingKeys: String, CodingKey {
            case domain, tenantID = "tenantId", cases
        }
    }

    public static func run(domain: DomainPack, tenant: TenantPolicyPack) async throws -> Report {
        let pipeline = try await ExceptionPipeline(domain: domain, tenant: tenant, options: PipelineOptions(executeTools: false),
                                                   memory: nil)
        var cases: [CaseResult] = []
        for suite in domain.testSuites {
            let result = await pipeline.run(suite.cases.map(\.exception), runID: "test-\(suite.name)")
            for (testCase, outcome) in zip(suite.cases, result.results) {
                cases.append(compare(testCase, outcome, suite: suite.name))
            }
        }
        return Report(domain: domain.domainName, tenantID: tenant.tenantID, cases: cases)
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
        if outcome.playbookID != expected.playbookID {
            mismatches.append("playbook: expected \(expected.playbookID ?? "none"), got \(outcome.playbookID ?? "none")")
        }
        return CaseResult(suite: suite, caseID: testCase.id, passed: mismatches.isEmpty, expected: expected,
                          actualSeverity: outcome.exception.severity, actualActionability: outcome.actionability,
                          actualPlaybookID: outcome.playbookID, mismatches: mismatches)
    }
}
