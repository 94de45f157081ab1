import EventLog
import Foundation
import Packs
import XCTest

/// The compiled forms the pipeline uses per exception answer exactly as the plain ones: PackPolicy's shared
/// field lookups and per-type rule skipping, CompiledArgumentTemplate, and BoundedRegex's literal prefilter.
final class CompiledEvaluationTests: XCTestCase {
    /// Every sample pack's test exceptions, also relabelled with each other type, with no type and with a
    /// numeric type: PackPolicy matches the same severity rules and guardrail conditions as evaluating every
    /// rule on its own.
    func testPolicyAgreesWithEvaluatingEachRuleOnItsOwn() throws {
        for domainName in SamplePackTests.domains {
            let bundle = try SamplePackTests.bundle(domainName)
            let policy = try PackPolicy(bundle: bundle)
            let domain = bundle.domain
            let overrides = bundle.tenant.guardrailOverrides
            let disabled = overrides.allowLoosening ? Set(overrides.disabledConditions) : []
            let conditions = domain.guardrails.conditions.filter { !disabled.contains($0.id) } + overrides.additionalConditions
            var checked = 0
            for record in Self.variants(of: domain.testSuites.flatMap(\.cases).map(\.exception), types: domain.exceptionTypes.map(\.name)) {
                let expectedRules = try domain.severityRules.filter { try RuleExpression($0.condition).evaluate(record) }.map(\.id)
                XCTAssertEqual(policy.assessSeverity(of: record).matchedRuleIDs, expectedRules, "\(domainName) \(record)")
                let expectedConditions = try conditions.filter { try RuleExpression($0.condition).evaluate(record) }.map(\.id)
                let found = policy.guardrailFindings(for: record, severity: .low).filter { $0.kind == .condition }.map(\.guardrailID)
                XCTAssertEqual(found, expectedConditions, "\(domainName) \(record)")
                checked += 1
            }
            XCTAssertGreaterThan(checked, 50, domainName)
        }
    }

    private static func variants(of records: [PackValue], types: [String]) -> [PackValue] {
        records.flatMap { record -> [PackValue] in
            guard case .object(let members) = record else { return [record] }
            var relabelled = types.map { type -> PackValue in
                var copy = members
                copy["exceptionType"] = .string(type)
                return .object(copy)
            }
            var untyped = members
            untyped["exceptionType"] = nil
            var numeric = members
            numeric["exceptionType"] = 7
            relabelled += [.object(untyped), .object(numeric), record]
            return relabelled
        }
    }

    func testCompiledTemplateResolvesLikeTheDocumentedRules() {
        let template = CompiledArgumentTemplate([
            "constant": ["a": 1, "b": ["x", true]], "typed": "{{payload.amount}}", "text": "{{ payload.name }} owes {{payload.amount}}",
            "list": ["{{payload.name}}", "fixed", ["{{exceptionId}}"]], "flag": "{{payload.flag}} / {{payload.tags}}",
            "missing": "{{payload.nope}}", "missingInText": "[{{payload.nope}}]", "malformed": "{{payload", "notAPath": "{{a b}}",
        ])
        let first: PackValue = ["exceptionId": "E-1", "payload": ["amount": 12.5, "name": "Ann", "flag": false, "tags": ["p", "q"]]]
        let second: PackValue = ["exceptionId": "E-2", "payload": ["amount": 3, "name": "Bo"]]
        XCTAssertEqual(template.resolve(with: first), [
            "constant": ["a": 1, "b": ["x", true]], "typed": 12.5, "text": "Ann owes 12.5", "list": ["Ann", "fixed", ["E-1"]],
            "flag": #"false / ["p","q"]"#, "missing": nil, "missingInText": "[]", "malformed": "{{payload", "notAPath": "{{a b}}",
        ])
        XCTAssertEqual(template.resolve(with: second), [
            "constant": ["a": 1, "b": ["x", true]], "typed": 3, "text": "Bo owes 3", "list": ["Bo", "fixed", ["E-2"]],
            "flag": " / ", "missing": nil, "missingInText": "[]", "malformed": "{{payload", "notAPath": "{{a b}}",
        ])
        XCTAssertEqual(CompiledArgumentTemplate("plain").resolve(with: first), "plain")
    }

    func testLiteralPrefixFilterNeverChangesAMatch() throws {
        var generator = SplitMix64(seed: 0x7261_6365)
        let letters = ["a", "b", "c"]
        let tails = ["", "b*", "(a|c)", "[bc]+$", ".c", "$", "a?c{2}"]
        let alphabet: [Character] = ["a", "b", "c", "A", "\r\n", "\n", "e\u{301}", "é", " "]
        for round in 0..<400 {
            let prefix = (0..<Int.random(in: 1...3, using: &generator)).map { _ in letters.randomElement(using: &generator)! }.joined()
            let anchor = round % 3 == 0 ? "^" : ""
            let body = prefix + tails.randomElement(using: &generator)!
            let caseFlag = round % 4 == 0 ? "(?i)" : ""
            let filtered = try BoundedRegex(caseFlag + anchor + body)
            let unfiltered = try BoundedRegex(caseFlag + "(" + anchor + body + "|" + anchor + body + ")")
            for _ in 0..<10 {
                let text = String((0..<Int.random(in: 0...10, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
                XCTAssertEqual(filtered.isMatch(in: text), unfiltered.isMatch(in: text), "\(filtered) on \(text.debugDescription)")
            }
        }
        XCTAssertEqual(try BoundedRegex("(?i)ignore (all|previous) instructions").isMatch(in: "Please IGNORE ALL instructions"), true)
        XCTAssertEqual(try BoundedRegex("(?i)ignore (all|previous) instructions").isMatch(in: "ignored"), false)
        XCTAssertEqual(try BoundedRegex("^NOS-[0-9]{6}$").isMatch(in: "NOS-123456"), true)
        XCTAssertEqual(try BoundedRegex("^NOS-[0-9]{6}$").isMatch(in: "XNOS-123456"), false)
        XCTAssertEqual(try BoundedRegex("a\r\nb").isMatch(in: "xa\r\nb"), true)
        XCTAssertEqual(try BoundedRegex("cafe").isMatch(in: "cafe\u{301}"), false)
        XCTAssertEqual(try BoundedRegex("café").isMatch(in: "cafe\u{301}"), true)
    }
}
