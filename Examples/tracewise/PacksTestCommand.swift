import Agents
import ArgumentParser
import Foundation

/// `tracewise packs test D T`: runs the domain pack's test suites (and the red-team suite) against a tenant pack.
struct PacksTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run a domain pack's test suites through the pipeline against a tenant pack; exit 1 on any failure.",
        discussion: "Each case's expected severity, actionability and playbook are compared with the pipeline's; the red-team suite then attacks the same packs and must find zero violations."
    )

    @Argument(help: "The domain pack.")
    var domainPack: String

    @Argument(help: "The tenant policy pack.")
    var tenantPack: String

    @OptionGroup var output: FormatOptions

    struct Output: Encodable {
        var passed: Int
        var failed: Int
        var cases: [PackTestRunner.CaseResult]
        var redTeam: RedTeamSuite.Report
    }

    func run() async throws {
        let bundle = try PackBundleLoading.load(domainPack: domainPack, tenantPack: tenantPack)
        let report = try await PackTestRunner.run(domain: bundle.domain, tenant: bundle.tenant)
        let redTeam = try await RedTeamSuite.run(domain: bundle.domain, tenant: bundle.tenant)
        switch output.format {
        case .json:
            try JSONOutput.print(Output(passed: report.passed, failed: report.failed, cases: report.cases, redTeam: redTeam))
        case .text:
            for result in report.cases {
                print("\(result.passed ? "PASS" : "FAIL")  \(result.suite)/\(result.caseID)" + (result.passed ? "" : ": " + result.mismatches.joined(separator: "; ")))
            }
            print("red team: \(redTeam.attacks) attacks, \(redTeam.violations.count) violation(s)")
            for violation in redTeam.violations { print("  VIOLATION \(violation)") }
            print("\(report.passed) passed, \(report.failed) failed")
        }
        if report.failed > 0 || !redTeam.passed { throw CLIError.finding }
    }
}
