import Packs
import XCTest

final class DocumentAndModelTests: XCTestCase {
    func testJSONReaderIsStrict() throws {
        XCTAssertEqual(try PackDocumentReader.parse(#"{"a": [1, -2.5e3, true, null, "\u00e9\ud83d\ude00\n"]}"#, format: .json),
                       ["a": [1, -2500, true, nil, "é😀\n"]])
        for bad in [#"{"a": 1,}"#, #"{"a": 1, "a": 2}"#, "[01]", #"{"a": "\x"}"#, "[1] [2]", #"{"a" 1}"#, "\"\u{01}\"", "[1e400]", "nul"] {
            XCTAssertThrowsError(try PackDocumentReader.parse(bad, format: .json), bad)
        }
    }

    func testYAMLWriterQuotesStringsThatWouldChangeType() throws {
        let value: PackValue = ["strings": ["true", "123", "", "null", "1.5", "- x", "a: b", "#c", "~", "0x1F", "yes", " padded "],
                                "numbers": [1, 1.5, -0.25, 1e20, 12345678901], "flags": [true, false], "nothing": nil]
        let yaml = try PackDocumentWriter.string(value, format: .yaml)
        XCTAssertEqual(try PackDocumentReader.parse(yaml, format: .yaml), value, yaml)
        let json = try PackDocumentWriter.string(value, format: .json)
        XCTAssertEqual(try PackDocumentReader.parse(json, format: .json), value)
    }

    func testFormatDetection() {
        XCTAssertEqual(PackDocumentFormat.detect(path: "a.YML", text: "{}"), .yaml)
        XCTAssertEqual(PackDocumentFormat.detect(path: "pack", text: "  \n{\"a\": 1}"), .json)
        XCTAssertEqual(PackDocumentFormat.detect(path: nil, text: "a: 1"), .yaml)
        XCTAssertEqual(PackDocumentFormat.detect(path: "dir.json/pack", text: "a: 1"), .yaml)
    }

    func testSemanticVersionsAndRequirements() throws {
        XCTAssertEqual(SemanticVersion("1.2.3-rc.1+build.5")?.prerelease, ["rc", "1"])
        for bad in ["1.2", "01.2.3", "1.2.3-", "1.2.3-01", "v1.2.3", "1.2.3.4", ""] { XCTAssertNil(SemanticVersion(bad), bad) }
        XCTAssertLessThan(try SemanticVersion(parsing: "1.0.0-alpha"), try SemanticVersion(parsing: "1.0.0-alpha.1"))
        XCTAssertLessThan(try SemanticVersion(parsing: "1.0.0-alpha.beta"), try SemanticVersion(parsing: "1.0.0-beta"))
        XCTAssertLessThan(try SemanticVersion(parsing: "1.0.0-rc.1"), try SemanticVersion(parsing: "1.0.0"))
        let checks: [(String, String, Bool)] = [
            ("^1.2.0", "1.9.9", true), ("^1.2.0", "2.0.0", false), ("^1.2.0", "1.1.9", false), ("^0.2.1", "0.2.9", true),
            ("^0.2.1", "0.3.0", false), ("~1.2.3", "1.2.9", true), ("~1.2.3", "1.3.0", false), ("1.x", "1.7.0", true),
            ("1.2", "1.2.7", true), ("1.2", "1.3.0", false), ("*", "9.9.9", true), (">=1.0.0 <2.0.0", "1.5.0", true),
            (">=1.0.0 <2.0.0", "2.0.0", false), ("1.2.3", "1.2.3+build", true), ("^1.2.0", "1.5.0-rc.1", false),
            (">=1.5.0-rc.1", "1.5.0-rc.2", true),
        ]
        for (requirement, version, expected) in checks {
            let parsed = try XCTUnwrap(VersionRequirement(requirement), requirement)
            XCTAssertEqual(parsed.isSatisfied(by: try SemanticVersion(parsing: version)), expected, "\(requirement) vs \(version)")
        }
        XCTAssertNil(VersionRequirement("latest"))
        XCTAssertNil(VersionRequirement(">=1.x"))
    }

    func testArgumentTemplatesKeepTypesAndFillText() throws {
        let record: PackValue = ["exceptionId": "E-1", "payload": ["amount": 12.5, "ids": ["a", "b"], "name": "Ann"]]
        let resolved = ArgumentTemplate.resolve(
            ["amount": "{{payload.amount}}", "ids": "{{ payload.ids }}", "note": "{{payload.name}} owes {{payload.amount}} ({{exceptionId}})",
             "missing": "{{payload.nope}}", "literal": 3, "nested": ["x": "{{payload.name}}"]], with: record)
        XCTAssertEqual(resolved, ["amount": 12.5, "ids": ["a", "b"], "note": "Ann owes 12.5 (E-1)", "missing": nil, "literal": 3, "nested": ["x": "Ann"]])
        XCTAssertEqual(try ArgumentTemplate.placeholders(in: ["a": "{{x.y}} and {{z}}"]), ["x.y", "z"])
        XCTAssertThrowsError(try ArgumentTemplate.segments(of: "{{a"))
        XCTAssertThrowsError(try ArgumentTemplate.segments(of: "{{}}"))
        XCTAssertThrowsError(try ArgumentTemplate.segments(of: "{{a b}}"))
    }

    func testValueSpecViolations() {
        let spec = ValueSpec(type: .object, properties: [
            "id": ValueSpec(type: .string, minLength: 2, pattern: "^[A-Z]"),
            "amount": ValueSpec(type: .number, minimum: 0, maximum: 100),
            "count": ValueSpec(type: .integer),
            "tags": ValueSpec(type: .array, items: ValueSpec(type: .string, enumeration: ["a", "b"]), maxItems: 2),
        ], required: ["id"], additionalProperties: false)
        XCTAssertEqual(spec.violations(of: ["id": "AB", "amount": 5, "count": 2, "tags": ["a"]]), [])
        let violations = spec.violations(of: ["id": "x", "amount": 500, "count": 1.5, "tags": ["a", "c", "b"], "extra": 1], at: JSONPointer.root.appending("args"))
        XCTAssertEqual(violations.map(\.path.description),
                       ["/args/amount", "/args/count", "/args/extra", "/args/id", "/args/id", "/args/tags", "/args/tags/1"])
        var many: [String: PackValue] = [:]
        for index in 0..<1_000 { many["k\(index)"] = .number(Double(index)) }
        let capped = ValueSpec(type: .object, additionalProperties: false).violations(of: .object(many))
        XCTAssertEqual(capped.map(\.path.description), (0..<1_000).map { "/k\($0)" }.sorted().prefix(100).map { $0 },
                       "findings are capped, the first 100 members by key")
        XCTAssertEqual(spec.violations(of: [:]).map(\.path.description), ["/id"])
    }

    func testPackValuePaths() {
        let value: PackValue = ["a": ["b": [["c": 1]]], "x/y": ["~": 2]]
        XCTAssertEqual(value[path: "a.b.0.c"], 1)
        XCTAssertNil(value[path: "a.b.1.c"])
        XCTAssertNil(value[path: "a.b.c"])
        XCTAssertEqual(JSONPointer.root.appending("x/y").appending("~").appending(3).description, "/x~1y/~0/3")
    }

    func testPolicyMergeNeverLoosensWithoutPermission() throws {
        let domain = PackFixtures.domainPack
        var tenant = PackLoader().validateTenantPolicyPack(PackFixtures.tenant, domainPack: domain).pack!
        tenant.guardrailOverrides.humanApprovalThreshold = 99_999
        tenant.guardrailOverrides.disabledConditions = ["big-order"]
        tenant.guardrailOverrides.allowLists = ["refund-orders": ["A1", "Z9"]]
        tenant.guardrailOverrides.blockLists = ["blocked-customers": []]
        tenant.noAutoActionIfSeverityIn = []
        tenant.toolsAllowList = [ToolPermission(tool: "refund", timeoutMs: 60_000, maxRetries: 9)]
        let policy = try PackPolicy(bundle: PackBundle(domain: domain, tenant: tenant))
        XCTAssertEqual(policy.humanApprovalThreshold?.value, 1000)
        XCTAssertEqual(policy.noAutoActionSeverities, [.critical])
        XCTAssertEqual(policy.toolLimits(for: "refund")?.timeout, .milliseconds(3000))
        XCTAssertEqual(policy.toolLimits(for: "refund")?.maxRetries, 2)
        XCTAssertNil(policy.toolLimits(for: "notify"))
        let record: PackValue = ["exceptionType": "LOST_ORDER", "payload": ["orderId": "Z9", "amount": 6000, "customer": ["id": "C-666"]]]
        let findings = policy.guardrailFindings(for: record, severity: .critical)
        XCTAssertEqual(Set(findings.map(\.kind)), [.condition, .blockedValue, .approvalThreshold, .noAutoActionSeverity])
        XCTAssertEqual(policy.guardrailFindings(forTool: "refund", arguments: ["orderId": "Z9"]).map(\.guardrailID), ["refund-orders"])
        XCTAssertEqual(policy.guardrailFindings(forTool: "refund", arguments: ["orderId": "A1"]), [])

        tenant.guardrailOverrides.allowLoosening = true
        let loosened = try PackPolicy(bundle: PackBundle(domain: domain, tenant: tenant))
        XCTAssertEqual(loosened.humanApprovalThreshold?.value, 99_999)
        XCTAssertEqual(loosened.noAutoActionSeverities, [])
        XCTAssertEqual(loosened.toolLimits(for: "refund")?.timeout, .seconds(60))
        XCTAssertEqual(loosened.toolLimits(for: "refund")?.maxRetries, 3)
        XCTAssertEqual(loosened.guardrailFindings(for: record, severity: .critical).map(\.kind), [])
    }

    /// Actionability, approval reasons and allowed tools come from PackPolicy alone (the pipeline caches them).
    func testActionabilityApprovalReasonsAndAllowedToolsComeFromOnePlace() throws {
        let domain = PackFixtures.domainPack
        var tenant = PackLoader().validateTenantPolicyPack(PackFixtures.tenant, domainPack: domain).pack!
        tenant.requireHumanApprovalFor.tools = ["refund"]
        tenant.approvedBusinessProcesses = ["chase", "refund-lost", "not-in-domain"]
        tenant.toolsAllowList.append(ToolPermission(tool: "not-in-domain"))
        let policy = try PackPolicy(bundle: PackBundle(domain: domain, tenant: tenant))
        XCTAssertEqual(policy.allowedTools, ["notify", "refund"])
        XCTAssertEqual(policy.approvedPlaybookIDs, ["chase", "refund-lost"])
        XCTAssertNil(policy.toolLimits(for: "not-in-domain"))
        XCTAssertEqual(policy.actionability(of: "LATE_ORDER").actionability, .actionableApprovedProcess)
        XCTAssertEqual(policy.actionability(of: "UNHANDLED").actionability, .nonActionableInfoOnly)

        let chase = try XCTUnwrap(domain.playbooks.first { $0.id == "chase" })
        let refund = try XCTUnwrap(domain.playbooks.first { $0.id == "refund-lost" })
        XCTAssertEqual(policy.approvalReasons(for: chase, exceptionType: "LATE_ORDER", severity: .low), [])
        XCTAssertEqual(policy.approvalReasons(for: chase, exceptionType: "LATE_ORDER", severity: .high),
                       ["no automatic action for HIGH severity"])
        XCTAssertEqual(policy.approvalReasons(for: refund, exceptionType: "LOST_ORDER", severity: .medium),
                       ["playbook refund-lost requires approval at MEDIUM", "tenant requires approval for tool refund"])
    }

    func testSeverityUsesHighestRuleThenTenantOverride() throws {
        let domain = PackFixtures.domainPack
        let tenant = PackLoader().validateTenantPolicyPack(PackFixtures.tenant, domainPack: domain).pack!
        let policy = try PackPolicy(bundle: PackBundle(domain: domain, tenant: tenant))
        XCTAssertEqual(policy.assessSeverity(of: ["exceptionType": "LATE_ORDER", "payload": ["daysLate": 2]]).severity, .low)
        XCTAssertEqual(policy.assessSeverity(of: ["exceptionType": "LATE_ORDER", "payload": ["daysLate": 12]]).matchedRuleIDs, ["very-late"])
        let overridden = policy.assessSeverity(of: ["exceptionType": "LATE_ORDER", "payload": ["daysLate": 40]])
        XCTAssertEqual(overridden.severity, .critical)
        XCTAssertEqual(overridden.matchedOverrideIndices, [0])
        XCTAssertEqual(policy.assessSeverity(of: ["exceptionType": "LOST_ORDER", "payload": ["amount": 9000]]).severity, .critical)
        XCTAssertEqual(policy.actionability(of: "LOST_ORDER").actionability, .actionableNonApprovedProcess)
        XCTAssertEqual(policy.actionability(of: "UNKNOWN").actionability, .nonActionableInfoOnly)
    }
}
