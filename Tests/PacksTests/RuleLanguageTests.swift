import Packs
import XCTest

final class RuleLanguageTests: XCTestCase {
    let record: PackValue = [
        "exceptionType": "SETTLEMENT_FAIL",
        "severity": "HIGH",
        "payload": [
            "amount": 2_500_000, "currency": "USD", "counterparty": "LEI-42", "urgent": true,
            "tags": ["fx", "emea"], "note": "SSI mismatch on leg 2", "legs": [["amount": 10], ["amount": 20]],
        ],
    ]

    private func holds(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        try RuleExpression(source).evaluate(record)
    }

    func testComparisonsAndLogic() throws {
        XCTAssertTrue(try holds("payload.amount >= 1000000"))
        XCTAssertTrue(try holds("payload.amount > 2500000 || payload.currency == 'USD'"))
        XCTAssertFalse(try holds("payload.amount > 2500000 && payload.currency == \"USD\""))
        XCTAssertTrue(try holds("exceptionType == 'SETTLEMENT_FAIL' and not (payload.currency != 'USD')"))
        XCTAssertTrue(try holds("payload.amount <= 2500000 && payload.amount < 2500001 && payload.amount != 3"))
        XCTAssertTrue(try holds("payload.urgent"))
        XCTAssertTrue(try holds("payload.urgent == true && !false"))
        XCTAssertTrue(try holds("payload.currency < 'ZZZ'"))
        XCTAssertTrue(try holds("payload.legs.1.amount == 20"))
        XCTAssertTrue(try holds("payload.amount == 2_500_000"))
        XCTAssertTrue(try holds("-1 < 0"))
    }

    func testPrecedenceAndParentheses() throws {
        XCTAssertTrue(try holds("true || false && false"))
        XCTAssertFalse(try holds("(true || false) && false"))
        XCTAssertTrue(try holds("!false && true"))
        XCTAssertFalse(try holds("!(true && true)"))
    }

    func testInContainsMatches() throws {
        XCTAssertTrue(try holds("payload.currency in ['EUR', 'USD']"))
        XCTAssertFalse(try holds("payload.currency in []"))
        XCTAssertTrue(try holds("'fx' in payload.tags"))
        XCTAssertTrue(try holds("payload.tags contains 'emea'"))
        XCTAssertTrue(try holds("payload.note contains 'mismatch'"))
        XCTAssertTrue(try holds("payload.note matches '^SSI [a-z]+ on leg \\\\d$'"))
        XCTAssertTrue(try holds("payload.note matches '(?i)ssi MISMATCH'"))
        XCTAssertFalse(try holds("payload.note matches '^mismatch'"))
    }

    func testMissingFieldsAndTypeMismatchesAreFalse() throws {
        XCTAssertFalse(try holds("payload.missing > 3"))
        XCTAssertFalse(try holds("payload.missing == null"))
        XCTAssertFalse(try holds("payload.missing != 3"))
        XCTAssertFalse(try holds("payload.missing in [1, 2]"))
        XCTAssertFalse(try holds("payload.missing contains 'x'"))
        XCTAssertFalse(try holds("payload.missing matches 'x'"))
        XCTAssertFalse(try holds("payload.currency > 3"))
        XCTAssertFalse(try holds("payload.amount matches '2'"))
        XCTAssertFalse(try holds("payload.amount.value == 1"))
        XCTAssertFalse(try holds("payload.legs.7.amount == 1"))
        XCTAssertFalse(try holds("payload"))
        XCTAssertTrue(try holds("!(payload.missing > 3)"))
        XCTAssertFalse(try RuleExpression("payload.amount > 1").evaluate(.string("not an object")))
    }

    func testParseErrorsCarryTheColumn() {
        let cases: [(String, Int)] = [
            ("payload.amount >> 3", 17),
            ("payload.amount = 3", 16),
            ("(payload.amount > 3", 20),
            ("payload.amount > ", 18),
            ("payload.amount > 3 payload", 20),
            ("payload.amount in [1, 2", 24),
            ("'unterminated", 1),
            ("payload. > 3", 9),
            ("1 < 2 < 3", 7),
            ("payload.note matches payload.x", 22),
            ("payload.note matches '(a'", 22),
            ("", 1),
            ("payload.amount > 12abc", 20),
            ("a & b", 3),
        ]
        for (source, column) in cases {
            XCTAssertThrowsError(try RuleExpression(source), source) { error in
                XCTAssertEqual((error as? RuleSyntaxError)?.column, column, "\(source): \(error)")
            }
        }
    }

    func testFieldReferencesAndComparedLiterals() throws {
        let rule = try RuleExpression("exceptionType in ['A', 'B'] && payload.x > 1 || severity == 'HIGH'")
        XCTAssertEqual(rule.fieldReferences.map(\.dottedPath), ["exceptionType", "payload.x", "severity"])
        XCTAssertEqual(rule.fieldReferences.map(\.column), [1, 32, 49])
        XCTAssertEqual(rule.comparedLiterals.map(\.literal), ["A", "B", "HIGH"])
    }

    // MARK: Malicious input

    func testDeepNestingIsAParseError() {
        let deep = String(repeating: "(", count: 10_000) + "true" + String(repeating: ")", count: 10_000)
        XCTAssertThrowsError(try RuleExpression(deep, limits: RuleLimits(maximumSourceLength: 100_000)))
        let negations = String(repeating: "!", count: 5_000) + "true"
        XCTAssertThrowsError(try RuleExpression(negations))
        let lists = String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000)
        XCTAssertThrowsError(try RuleExpression("1 in " + lists))
    }

    func testOversizedRulesAreRefused() {
        XCTAssertThrowsError(try RuleExpression(String(repeating: "true && ", count: 2_000) + "true"))
        let wide = Array(repeating: "x", count: 600).joined(separator: " || ")
        XCTAssertThrowsError(try RuleExpression(wide)) { error in
            XCTAssertTrue("\(error)".contains("nodes"), "\(error)")
        }
        let longList = "payload.x in [" + Array(repeating: "1", count: 1_000).joined(separator: ",") + "]"
        XCTAssertThrowsError(try RuleExpression(longList))
    }

    func testHugeNumbersAreParseErrors() {
        XCTAssertThrowsError(try RuleExpression("payload.amount > 1e999"))
        XCTAssertThrowsError(try RuleExpression("payload.amount > " + String(repeating: "9", count: 400)))
        XCTAssertNoThrow(try RuleExpression("payload.amount > 1e300"))
    }

    func testCatastrophicPatternsRunInLinearTime() throws {
        let hostile = String(repeating: "a", count: 4_000) + "!"
        let input: PackValue = ["payload": ["text": .string(hostile)]]
        for pattern in ["^(a+)+$", "^(a|a)*$", "^(a|aa)+$", "(.*a){20}$", "^(a*)*b$", "^([a-z]+)*[0-9]$"] {
            let rule = try RuleExpression("payload.text matches '\(pattern)'")
            let start = ContinuousClock.now
            let outcome = rule.evaluateDetailed(input)
            XCTAssertFalse(outcome.matched, pattern)
            XCTAssertLessThan(ContinuousClock.now - start, .seconds(5), pattern)
        }
    }

    func testEvaluationBudgetStopsRunawayEvaluation() throws {
        let limits = RuleLimits(evaluationBudget: 1_000)
        let rule = try RuleExpression("payload.text matches '(.*a){20}$'", limits: limits)
        let outcome = rule.evaluateDetailed(["payload": ["text": .string(String(repeating: "a", count: 3_000))]])
        XCTAssertTrue(outcome.budgetExhausted)
        XCTAssertFalse(outcome.matched)
        XCTAssertLessThanOrEqual(outcome.steps, 1_001 + 100)
    }

    func testOverlongInputsDoNotMatch() throws {
        let rule = try RuleExpression("payload.text matches 'a'")
        XCTAssertFalse(rule.evaluate(["payload": ["text": .string(String(repeating: "a", count: 10_000))]]))
        XCTAssertTrue(rule.evaluate(["payload": ["text": "a"]]))
    }

    func testPatternDialect() throws {
        XCTAssertEqual(try BoundedRegex("^[A-Z]{2}[0-9]{2}$").isMatch(in: "GB29"), true)
        XCTAssertEqual(try BoundedRegex("^[A-Z]{2}[0-9]{2}$").isMatch(in: "GB2"), false)
        XCTAssertEqual(try BoundedRegex("colou?r").isMatch(in: "the color red"), true)
        XCTAssertEqual(try BoundedRegex("^(cat|dog)s?$").isMatch(in: "dogs"), true)
        XCTAssertEqual(try BoundedRegex("[^0-9]").isMatch(in: "123"), false)
        XCTAssertEqual(try BoundedRegex("\\d+\\.\\d+").isMatch(in: "v1.25"), true)
        XCTAssertEqual(try BoundedRegex("^a{2,}$").isMatch(in: "aaaa"), true)
        XCTAssertEqual(try BoundedRegex("^a{2,3}$").isMatch(in: "aaaa"), false)
        XCTAssertEqual(try BoundedRegex("a.c").isMatch(in: "a\nc"), false)
        XCTAssertEqual(try BoundedRegex("^$").isMatch(in: ""), true)
        XCTAssertEqual(try BoundedRegex("\\s\\w\\S").isMatch(in: "x y!"), true)
        for bad in ["(a", "a)", "[a", "*a", "a**", "(?=a)", "\\1", "a{5,2}", "a{1000}", "(a{100}){100}", "\\q"] {
            XCTAssertThrowsError(try BoundedRegex(bad), bad)
        }
    }
}
