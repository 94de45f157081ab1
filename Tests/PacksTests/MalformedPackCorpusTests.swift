import Packs
import XCTest

/// A corpus of malformed packs, each made from a valid fixture by one (or several) mutations, and the exact
/// set of error codes and JSON pointers validation must report — all of them, in one pass.
final class MalformedPackCorpusTests: XCTestCase {
    struct Case {
        var name: String
        var document: PackValue?
        var text: String?
        var expected: Set<Finding>
    }

    struct Finding: Hashable, CustomStringConvertible {
        var code: String
        var path: String
        init(_ code: ValidationCode, _ path: String) {
            self.code = code.rawValue
            self.path = path
        }
        var description: String { "\(code)@\(path)" }
    }

    static func domainCase(_ name: String, _ mutate: (PackValue) -> PackValue, _ expected: [Finding]) -> Case {
        Case(name: name, document: mutate(PackFixtures.domain), expected: Set(expected))
    }

    static func tenantCase(_ name: String, _ mutate: (PackValue) -> PackValue, _ expected: [Finding]) -> Case {
        Case(name: name, document: mutate(PackFixtures.tenant), expected: Set(expected))
    }

    static let domainCases: [Case] = [
        Case(name: "JSON syntax error", text: "{\"domainName\": \"demo\"\n  \"version\": \"1.0.0\"}", expected: [Finding(.syntaxError, "")]),
        Case(name: "YAML syntax error", text: "domainName: demo\nversion: [1.0.0\nexceptionTypes: []\n", expected: [Finding(.syntaxError, "")]),
        Case(name: "YAML duplicate key", text: "domainName: demo\ndomainName: other\n", expected: [Finding(.syntaxError, "")]),
        Case(name: "not an object", text: "[1, 2]", expected: [Finding(.typeMismatch, "")]),
        domainCase("unknown top-level key", { $0.setting("/colour", to: "blue") }, [Finding(.unknownKey, "/colour")]),
        domainCase("unknown key in transport", { $0.setting("/tools/0/transport/port", to: 8080) }, [Finding(.unknownKey, "/tools/0/transport/port")]),
        domainCase("missing description", { $0.setting("/exceptionTypes/0/description", to: nil) }, [Finding(.missingKey, "/exceptionTypes/0/description")]),
        domainCase("missing exception types", { $0.setting("/exceptionTypes", to: nil) },
                   [Finding(.missingKey, "/exceptionTypes"), Finding(.unknownExceptionType, "/playbooks/0/exceptionTypes/0"),
                    Finding(.unknownExceptionType, "/playbooks/1/exceptionTypes/0"), Finding(.unknownExceptionType, "/severityRules/1/condition"),
                    Finding(.unknownField, "/severityRules/0/condition"), Finding(.unknownField, "/severityRules/1/condition"),
                    Finding(.unknownField, "/guardrails/blockLists/0/field"), Finding(.unknownField, "/guardrails/humanApprovalThreshold/field"),
                    Finding(.unknownField, "/guardrails/conditions/0/condition"),
                    Finding(.unknownExceptionType, "/testSuites/0/cases/0/exception/exceptionType")]),
        domainCase("version is a number", { $0.setting("/version", to: 1) }, [Finding(.typeMismatch, "/version")]),
        domainCase("version is not semver", { $0.setting("/version", to: "1.0") }, [Finding(.invalidVersion, "/version")]),
        domainCase("unknown severity", { $0.setting("/exceptionTypes/1/defaultSeverity", to: "SEVERE") }, [Finding(.invalidValue, "/exceptionTypes/1/defaultSeverity")]),
        domainCase("zero timeout", { $0.setting("/tools/1/timeoutMs", to: 0) }, [Finding(.invalidValue, "/tools/1/timeoutMs")]),
        domainCase("fractional retries", { $0.setting("/tools/1/maxRetries", to: 1.5) }, [Finding(.typeMismatch, "/tools/1/maxRetries")]),
        domainCase("exception type not UPPER_SNAKE", { $0.setting("/exceptionTypes/0/name", to: "lateOrder") },
                   [Finding(.invalidName, "/exceptionTypes/0/name"), Finding(.unknownExceptionType, "/playbooks/0/exceptionTypes/0"),
                    Finding(.unknownExceptionType, "/testSuites/0/cases/0/exception/exceptionType")]),
        domainCase("duplicate exception type", { $0.setting("/exceptionTypes/1/name", to: "LATE_ORDER") },
                   [Finding(.duplicateName, "/exceptionTypes/1/name"), Finding(.unknownExceptionType, "/playbooks/1/exceptionTypes/0"),
                    Finding(.unknownExceptionType, "/severityRules/1/condition")]),
        domainCase("duplicate playbook id", { $0.setting("/playbooks/1/id", to: "chase") }, [Finding(.duplicateID, "/playbooks/1/id")]),
        domainCase("duplicate rule id", { $0.setting("/severityRules/1/id", to: "very-late") }, [Finding(.duplicateID, "/severityRules/1/id")]),
        domainCase("duplicate tool", { $0.setting("/tools/2/name", to: "notify") }, [Finding(.duplicateName, "/tools/2/name"), Finding(.unknownTool, "/tools/1/rollbackTool")]),
        domainCase("duplicate entity field", { $0.setting("/exceptionTypes/0/fields/-", to: ["name": "amount", "type": "number"]) },
                   [Finding(.duplicateName, "/exceptionTypes/0/fields/1/name")]),
        domainCase("playbook for unknown type", { $0.setting("/playbooks/0/exceptionTypes/0", to: "LATE_ODER") }, [Finding(.unknownExceptionType, "/playbooks/0/exceptionTypes/0")]),
        domainCase("step with unknown tool", { $0.setting("/playbooks/0/steps/0/tool", to: "notfy") }, [Finding(.unknownTool, "/playbooks/0/steps/0/tool")]),
        domainCase("template with unknown field", { $0.setting("/playbooks/0/steps/0/arguments/text", to: "late by {{payload.daysLat}}") },
                   [Finding(.unknownField, "/playbooks/0/steps/0/arguments/text")]),
        domainCase("field missing from one of the types", { $0.setting("/playbooks/0/exceptionTypes/-", to: "LOST_ORDER") },
                   [Finding(.unknownField, "/playbooks/0/steps/0/arguments/text")]),
        domainCase("unclosed template", { $0.setting("/playbooks/0/steps/0/arguments/orderId", to: "{{payload.orderId") },
                   [Finding(.invalidTemplate, "/playbooks/0/steps/0/arguments/orderId")]),
        domainCase("missing rollback tool", { $0.setting("/tools/1/rollbackTool", to: "undo_refund") }, [Finding(.unknownTool, "/tools/1/rollbackTool")]),
        domainCase("tool rolls itself back", { $0.setting("/tools/1/rollbackTool", to: "refund") }, [Finding(.invalidRollback, "/tools/1/rollbackTool")]),
        domainCase("rule syntax error", { $0.setting("/severityRules/0/condition", to: "payload.daysLate >> 10") }, [Finding(.invalidRule, "/severityRules/0/condition")]),
        domainCase("rule with single =", { $0.setting("/severityRules/0/condition", to: "payload.daysLate = 10") }, [Finding(.invalidRule, "/severityRules/0/condition")]),
        domainCase("rule with backreference", { $0.setting("/severityRules/0/condition", to: "payload.orderId matches '(a)\\\\1'") }, [Finding(.invalidRule, "/severityRules/0/condition")]),
        domainCase("rule on unknown field", { $0.setting("/severityRules/0/condition", to: "payload.daysLat > 10") }, [Finding(.unknownField, "/severityRules/0/condition")]),
        domainCase("rule compares with unknown type", { $0.setting("/severityRules/1/condition", to: "exceptionType == 'LOST_ODER'") },
                   [Finding(.unknownExceptionType, "/severityRules/1/condition")]),
        domainCase("unknown entity", { $0.setting("/exceptionTypes/1/entity", to: "Parcel") },
                   [Finding(.unknownEntity, "/exceptionTypes/1/entity"), Finding(.unknownField, "/playbooks/1/steps/0/arguments/orderId"),
                    Finding(.unknownField, "/playbooks/1/steps/0/arguments/amount")]),
        domainCase("missing required argument", { $0.setting("/playbooks/0/steps/0/arguments/orderId", to: nil) },
                   [Finding(.missingArgument, "/playbooks/0/steps/0/arguments")]),
        domainCase("argument the tool does not take", { $0.setting("/playbooks/0/steps/0/arguments/channel", to: "sms") },
                   [Finding(.unknownArgument, "/playbooks/0/steps/0/arguments/channel")]),
        domainCase("literal argument of the wrong type", { $0.setting("/playbooks/1/steps/0/arguments/amount", to: "lots") },
                   [Finding(.argumentMismatch, "/playbooks/1/steps/0/arguments/amount")]),
        domainCase("literal argument below minimum", { $0.setting("/playbooks/1/steps/0/arguments/amount", to: -5) },
                   [Finding(.argumentMismatch, "/playbooks/1/steps/0/arguments/amount")]),
        domainCase("http transport without endpoint", { $0.setting("/tools/1/transport/endpoint", to: nil) }, [Finding(.missingKey, "/tools/1/transport/endpoint")]),
        domainCase("endpoint is not a URL", { $0.setting("/tools/1/transport/endpoint", to: "payments/refund") }, [Finding(.invalidValue, "/tools/1/transport/endpoint")]),
        domainCase("unknown transport", { $0.setting("/tools/0/transport/type", to: "grpc") }, [Finding(.invalidValue, "/tools/0/transport/type")]),
        domainCase("test case expects unknown playbook", { $0.setting("/testSuites/0/cases/0/expected/playbookId", to: "chaser") },
                   [Finding(.unknownPlaybook, "/testSuites/0/cases/0/expected/playbookId")]),
        domainCase("test case expects playbook of another type", { $0.setting("/testSuites/0/cases/0/expected/playbookId", to: "refund-lost") },
                   [Finding(.invalidValue, "/testSuites/0/cases/0/expected/playbookId")]),
        domainCase("duplicate step id", { $0.setting("/playbooks/0/steps/-", to: ["id": "tell", "tool": "notify", "arguments": ["orderId": "x"]]) },
                   [Finding(.duplicateID, "/playbooks/0/steps/1/id")]),
        domainCase("playbook without steps", { $0.setting("/playbooks/0/steps", to: []) }, [Finding(.invalidValue, "/playbooks/0/steps")]),
        domainCase("list with argument and field", { $0.setting("/guardrails/blockLists/0/argument", to: "orderId") }, [Finding(.invalidValue, "/guardrails/blockLists/0")]),
        domainCase("list on unknown argument", { $0.setting("/guardrails/allowLists/0/argument", to: "currency") }, [Finding(.unknownArgument, "/guardrails/allowLists/0/argument")]),
        domainCase("severityAtLeast without severity", { $0.setting("/playbooks/1/approval", to: ["mode": "severityAtLeast"]) },
                   [Finding(.missingKey, "/playbooks/1/approval/minimumSeverity")]),
        domainCase("several problems at once", {
            $0.setting("/colour", to: "blue").setting("/playbooks/1/steps/0/tool", to: "refnd").setting("/guardrails/conditions/0/condition", to: "(payload.amount > 5")
        }, [Finding(.unknownKey, "/colour"), Finding(.unknownTool, "/playbooks/1/steps/0/tool"), Finding(.invalidRule, "/guardrails/conditions/0/condition")]),
    ]

    static let tenantCases: [Case] = [
        tenantCase("unknown key", { $0.setting("/timezone", to: "UTC") }, [Finding(.unknownKey, "/timezone")]),
        tenantCase("approved playbook does not exist", { $0.setting("/approvedBusinessProcesses/-", to: "escalate") }, [Finding(.unknownPlaybook, "/approvedBusinessProcesses/1")]),
        tenantCase("approved playbook twice", { $0.setting("/approvedBusinessProcesses/-", to: "chase") }, [Finding(.duplicateID, "/approvedBusinessProcesses/1")]),
        tenantCase("allow-listed tool does not exist", { $0.setting("/toolsAllowList/-", to: ["tool": "teleport"]) }, [Finding(.unknownTool, "/toolsAllowList/2/tool")]),
        tenantCase("approved playbook uses a tool not allowed", { $0.setting("/approvedBusinessProcesses/-", to: "refund-lost").setting("/toolsAllowList/1", to: nil) },
                   [Finding(.toolNotAllowed, "/approvedBusinessProcesses/1")]),
        tenantCase("longer tool timeout loosens", { $0.setting("/toolsAllowList/1/timeoutMs", to: 9000) }, [Finding(.overrideLoosens, "/toolsAllowList/1/timeoutMs")]),
        tenantCase("higher approval threshold loosens", { $0.setting("/guardrailOverrides/humanApprovalThreshold", to: 2000) },
                   [Finding(.overrideLoosens, "/guardrailOverrides/humanApprovalThreshold")]),
        tenantCase("extra allow-list value loosens", { $0.setting("/guardrailOverrides/allowLists/refund-orders", to: ["A1", "Z9"]) },
                   [Finding(.overrideLoosens, "/guardrailOverrides/allowLists/refund-orders")]),
        tenantCase("shorter block list loosens", { $0.setting("/guardrailOverrides/blockLists/blocked-customers", to: []) },
                   [Finding(.overrideLoosens, "/guardrailOverrides/blockLists/blocked-customers")]),
        tenantCase("disabling a condition loosens", { $0.setting("/guardrailOverrides/disabledConditions", to: ["big-order"]) },
                   [Finding(.overrideLoosens, "/guardrailOverrides/disabledConditions/0")]),
        tenantCase("auto-action on CRITICAL loosens", { $0.setting("/noAutoActionIfSeverityIn", to: ["HIGH"]) }, [Finding(.overrideLoosens, "/noAutoActionIfSeverityIn")]),
        tenantCase("override of an unknown list", { $0.setting("/guardrailOverrides/blockLists/vip", to: ["x"]) }, [Finding(.unknownGuardrail, "/guardrailOverrides/blockLists/vip")]),
        tenantCase("disabling an unknown condition", { $0.setting("/guardrailOverrides/disabledConditions", to: ["nope"]) },
                   [Finding(.unknownGuardrail, "/guardrailOverrides/disabledConditions/0")]),
        tenantCase("incompatible domain version", { $0.setting("/domainVersion", to: "^2.0.0") }, [Finding(.incompatibleVersion, "/domainVersion")]),
        tenantCase("unparsable version requirement", { $0.setting("/domainVersion", to: "latest") }, [Finding(.invalidVersion, "/domainVersion")]),
        tenantCase("other domain", { $0.setting("/domainName", to: "shipping") }, [Finding(.domainMismatch, "/domainName")]),
        tenantCase("override of unknown type", { $0.setting("/severityOverrides/0/exceptionType", to: "LATE_PARCEL") },
                   [Finding(.unknownExceptionType, "/severityOverrides/0/exceptionType")]),
        tenantCase("override rule on a field of another type", { $0.setting("/severityOverrides/0/exceptionType", to: "LOST_ORDER") },
                   [Finding(.unknownField, "/severityOverrides/0/condition")]),
        tenantCase("negative retries", { $0.setting("/maxAutoRetries", to: -1) }, [Finding(.invalidValue, "/maxAutoRetries")]),
        tenantCase("confidence above one", { $0.setting("/escalateIfConfidenceBelow", to: 1.5) }, [Finding(.invalidValue, "/escalateIfConfidenceBelow")]),
        tenantCase("approval for unknown tool", { $0.setting("/requireHumanApprovalFor", to: ["tools": ["teleport"]]) },
                   [Finding(.unknownTool, "/requireHumanApprovalFor/tools/0")]),
        tenantCase("notification without events", { $0.setting("/notificationPolicies", to: [["id": "n", "channel": "email", "target": "a@b.c", "events": []]]) },
                   [Finding(.invalidValue, "/notificationPolicies/0/events")]),
        tenantCase("duplicate condition id", { $0.setting("/guardrailOverrides/additionalConditions", to: [["id": "big-order", "condition": "payload.amount > 1", "effect": "block"]]) },
                   [Finding(.duplicateID, "/guardrailOverrides/additionalConditions/0/id")]),
    ]

    private func findings(_ report: ValidationReport) -> Set<Finding> {
        Set(report.errors.map { Finding($0.code, $0.path) })
    }

    func testCorpusIsLargeEnough() {
        XCTAssertGreaterThanOrEqual(Self.domainCases.count + Self.tenantCases.count, 30)
    }

    func testEveryMalformedDomainPackYieldsExactlyTheExpectedFindings() {
        let loader = PackLoader()
        for testCase in Self.domainCases {
            let result: PackLoadResult<DomainPack>
            if let text = testCase.text {
                result = loader.loadDomainPack(text: text, path: text.hasPrefix("{") || text.hasPrefix("[") ? "case.json" : "case.yaml")
            } else {
                result = loader.validateDomainPack(testCase.document!)
            }
            XCTAssertNil(result.pack, testCase.name)
            XCTAssertEqual(findings(result.report), testCase.expected, testCase.name)
        }
    }

    func testEveryMalformedTenantPackYieldsExactlyTheExpectedFindings() {
        let loader = PackLoader()
        let domain = PackFixtures.domainPack
        for testCase in Self.tenantCases {
            let result = loader.validateTenantPolicyPack(testCase.document!, domainPack: domain)
            XCTAssertNil(result.pack, testCase.name)
            XCTAssertEqual(findings(result.report), testCase.expected, testCase.name)
        }
    }

    func testFixturesAreValid() {
        let domain = PackLoader().validateDomainPack(PackFixtures.domain)
        XCTAssertEqual(domain.report.errors, [])
        let tenant = PackLoader().validateTenantPolicyPack(PackFixtures.tenant, domainPack: domain.pack)
        XCTAssertEqual(tenant.report.errors, [])
        XCTAssertEqual(tenant.report.warnings, [])
    }

    func testLooseningWithAllowLooseningIsAWarning() throws {
        let document = PackFixtures.tenant
            .setting("/guardrailOverrides/allowLoosening", to: true)
            .setting("/guardrailOverrides/humanApprovalThreshold", to: 2000)
            .setting("/noAutoActionIfSeverityIn", to: [])
        let result = PackLoader().validateTenantPolicyPack(document, domainPack: PackFixtures.domainPack)
        XCTAssertEqual(result.report.errors, [])
        XCTAssertEqual(Set(result.report.warnings.map { Finding($0.code, $0.path) }),
                       [Finding(.guardrailLoosened, "/guardrailOverrides/humanApprovalThreshold"), Finding(.guardrailLoosened, "/noAutoActionIfSeverityIn")])
        XCTAssertEqual(result.pack?.noAutoActionIfSeverityIn, [])
    }

    func testSyntaxErrorsCarryLineAndColumn() {
        let json = PackLoader().loadDomainPack(text: "{\n  \"domainName\": \"demo\",\n  \"version\": 1.0.0\n}", path: "x.json")
        XCTAssertEqual(json.report.errors.first?.line, 3)
        XCTAssertEqual(json.report.errors.first?.column, 17)
        let yaml = PackLoader().loadDomainPack(text: "domainName: demo\nversion: \"1.0.0\nexceptionTypes: []\n", path: "x.yaml")
        XCTAssertEqual(yaml.report.errors.first?.code, .syntaxError)
        XCTAssertNotNil(yaml.report.errors.first?.line)
    }

    func testRuleErrorsNameTheColumn() {
        let result = PackLoader().validateDomainPack(PackFixtures.domain.setting("/severityRules/0/condition", to: "payload.daysLate > > 3"))
        XCTAssertTrue(result.report.errors.first?.message.contains("column 20") == true, result.report.errors.first?.message ?? "")
    }

    func testHostileDocumentsEndInSyntaxErrors() {
        let deepJSON = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertEqual(PackLoader().loadDomainPack(text: deepJSON, path: "deep.json").report.errors.first?.code, .syntaxError)
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { bomb += "\(Character(Unicode.Scalar(97 + level)!)): &\(Character(Unicode.Scalar(97 + level)!)) [" + Array(repeating: "*\(Character(Unicode.Scalar(96 + level)!))", count: 10).joined(separator: ", ") + "]\n" }
        XCTAssertEqual(PackLoader().loadDomainPack(text: bomb, path: "bomb.yaml").report.errors.first?.code, .syntaxError)
        XCTAssertEqual(PackLoader().loadDomainPack(text: "{\"version\": 1e999}", path: "big.json").report.errors.first?.code, .syntaxError)
    }
}
