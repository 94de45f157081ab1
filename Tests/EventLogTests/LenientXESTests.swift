import EventLog
import XCTest

/// The odd XES files strict mode rejects and lenient mode reads (issue 19: the 21 files of PM4Py's corpus
/// that only PM4Py read). Each case is a small file made here; `§` marks where the report must point
/// (line and column), and the case says what lenient mode keeps.
final class LenientXESTests: XCTestCase {
    private enum Outcome {
        /// The item is kept with this value (for an attribute: its key and the coerced value).
        case coerced(key: String, AttributeValue)
        /// The item is skipped.
        case skipped
    }

    private struct Case {
        var name: String
        var text: String
        var code: EventLogError.Code
        var outcome: Outcome
        /// Cases and events the lenient read keeps.
        var cases = 1
        var events = 1
    }

    private static let head = "<?xml version=\"1.0\"?>\n<log xes.version=\"1.0\">\n<trace><string key=\"concept:name\" value=\"1\"/>\n"
    private static func inEvent(_ body: String) -> String {
        head + "<event><string key=\"concept:name\" value=\"a\"/>\n" + body + "\n</event></trace>\n</log>\n"
    }

    private static func date(_ text: String) -> AttributeValue {
        .date(try! XESFixtureDates.parse(text))
    }

    private let cases: [Case] = [
        Case(name: "event directly in log", text: head + "<event><string key=\"concept:name\" value=\"a\"/></event></trace>\n§<event><string key=\"concept:name\" value=\"b\"/></event>\n</log>",
             code: .unexpectedElement, outcome: .skipped),
        Case(name: "event inside event", text: inEvent("§<event><string key=\"concept:name\" value=\"b\"/></event>"),
             code: .unexpectedElement, outcome: .skipped),
        Case(name: "trace inside trace", text: head + "<event><string key=\"concept:name\" value=\"a\"/></event>\n§<trace><event/></trace>\n</trace></log>",
             code: .unexpectedElement, outcome: .skipped),
        Case(name: "string without value", text: inEvent("§<string key=\"note\"/>"),
             code: .invalidAttributeValue, outcome: .coerced(key: "note", .string(""))),
        Case(name: "id without value", text: inEvent("§<id key=\"ref\"/>"),
             code: .invalidAttributeValue, outcome: .coerced(key: "ref", .id(""))),
        Case(name: "int 0.0", text: inEvent("<int key=\"n\" value=\"§0.0\"/>"),
             code: .invalidAttributeValue, outcome: .coerced(key: "n", .int(0))),
        Case(name: "int 1e3", text: inEvent("<int key=\"n\" value=\"§1e3\"/>"),
             code: .invalidAttributeValue, outcome: .coerced(key: "n", .int(1000))),
        Case(name: "int 2.5", text: inEvent("<int key=\"n\" value=\"§2.5\"/>"),
             code: .invalidAttributeValue, outcome: .coerced(key: "n", .float(2.5))),
        Case(name: "int text", text: inEvent("<int key=\"n\" value=\"§twelve\"/>"),
             code: .invalidAttributeValue, outcome: .skipped),
        Case(name: "float with decimal comma", text: inEvent("<float key=\"f\" value=\"§2,5\"/>"),
             code: .invalidAttributeValue, outcome: .coerced(key: "f", .float(2.5))),
        Case(name: "boolean yes", text: inEvent("<boolean key=\"b\" value=\"§yes\"/>"),
             code: .invalidAttributeValue, outcome: .coerced(key: "b", .boolean(true))),
        Case(name: "boolean NO", text: inEvent("<boolean key=\"b\" value=\"§NO\"/>"),
             code: .invalidAttributeValue, outcome: .coerced(key: "b", .boolean(false))),
        Case(name: "boolean maybe", text: inEvent("<boolean key=\"b\" value=\"§maybe\"/>"),
             code: .invalidAttributeValue, outcome: .skipped),
        Case(name: "date 2002-0530T09:30:10Z", text: inEvent("<date key=\"time:timestamp\" value=\"§2002-0530T09:30:10Z\"/>"),
             code: .invalidTimestamp, outcome: .coerced(key: "time:timestamp", date("2002-05-30T09:30:10Z"))),
        Case(name: "date without separators", text: inEvent("<date key=\"time:timestamp\" value=\"§20020530T093010+02:00\"/>"),
             code: .invalidTimestamp, outcome: .coerced(key: "time:timestamp", date("2002-05-30T09:30:10+02:00"))),
        Case(name: "date with slashes", text: inEvent("<date key=\"time:timestamp\" value=\"§2002/05/30 09:30\"/>"),
             code: .invalidTimestamp, outcome: .coerced(key: "time:timestamp", date("2002-05-30T09:30"))),
        Case(name: "date text", text: inEvent("<date key=\"time:timestamp\" value=\"§yesterday\"/>"),
             code: .invalidTimestamp, outcome: .skipped),
        Case(name: "trace attribute int 1.0", text: head.replacingOccurrences(of: "<trace>", with: "<trace><int key=\"n\" value=\"§1.0\"/>")
                + "<event><string key=\"concept:name\" value=\"a\"/></event></trace>\n</log>",
             code: .invalidAttributeValue, outcome: .coerced(key: "n", .int(1))),
        Case(name: "global with a bad scope", text: "<log>\n§<global scope=\"case\"><string key=\"concept:name\" value=\"?\"/></global>\n<trace><event><string key=\"concept:name\" value=\"a\"/></event></trace>\n</log>",
             code: .invalidAttributeValue, outcome: .coerced(key: "", .string("scope 'event'"))),
        Case(name: "attribute without key", text: inEvent("§<string value=\"orphan\"/>"),
             code: .missingKey, outcome: .skipped),
        Case(name: "unknown element", text: inEvent("§<text key=\"t\" value=\"v\"/>"),
             code: .unknownAttributeType, outcome: .skipped),
        Case(name: "classifier without keys", text: "<log>\n§<classifier name=\"Activity\"/>\n<trace><event><string key=\"concept:name\" value=\"a\"/></event></trace>\n</log>",
             code: .missingKey, outcome: .skipped),
    ]

    /// The marker's line and column (1-based) and the text without it.
    private func locate(_ text: String) -> (text: String, line: Int, column: Int) {
        let lines = text.components(separatedBy: "\n")
        for (i, line) in lines.enumerated() {
            if let range = line.range(of: "§") {
                return (text.replacingOccurrences(of: "§", with: ""), i + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        XCTFail("no marker")
        return (text, 0, 0)
    }

    func testStrictRejectsEveryOddFileAndLenientReadsItWithAPositionedReport() throws {
        XCTAssertGreaterThanOrEqual(cases.count, 21)
        for c in cases {
            let (text, line, column) = locate(c.text)
            XCTAssertThrowsError(try XESReader().read(bytes: Array(text.utf8), name: "odd.xes"), c.name) { error in
                XCTAssertEqual((error as? EventLogError)?.code, c.code, c.name)
                XCTAssertEqual((error as? EventLogError)?.location.line, line, c.name)
                XCTAssertEqual((error as? EventLogError)?.location.column, column, c.name)
            }
            let result = try XESReader(options: ImportOptions(lenient: true)).read(bytes: Array(text.utf8), name: "odd.xes")
            XCTAssertEqual(result.problems.count, 1, c.name)
            let problem = try XCTUnwrap(result.problems.first, c.name)
            XCTAssertEqual(problem.error.code, c.code, c.name)
            XCTAssertEqual(problem.error.location.line, line, c.name)
            XCTAssertEqual(problem.error.location.column, column, c.name)
            XCTAssertEqual(problem.error.location.file, "odd.xes", c.name)
            XCTAssertEqual(result.log.caseCount, c.cases, c.name)
            XCTAssertEqual(result.log.eventCount, c.events, c.name)
            XCTAssertEqual(result.log.activityNames, ["a"], c.name)
            switch c.outcome {
            case .skipped:
                XCTAssertFalse(problem.isCoercion, c.name)
                XCTAssertTrue(problem.description.hasPrefix("skipped "), "\(c.name): \(problem)")
            case .coerced(let key, let value):
                XCTAssertTrue(problem.isCoercion, c.name)
                XCTAssertTrue(problem.description.hasPrefix("coerced "), "\(c.name): \(problem)")
                XCTAssertTrue(problem.description.contains("line \(line), column \(column)"), "\(c.name): \(problem)")
                if key.isEmpty {
                    XCTAssertEqual(problem.keptAs, value.displayString, c.name)
                    XCTAssertEqual(result.log.header.eventGlobals.map(\.key), ["concept:name"], c.name)
                } else {
                    let column = try XCTUnwrap(result.log.eventAttributes.column(key) ?? result.log.traceAttributes.column(key), c.name)
                    XCTAssertEqual(column[0], value, c.name)
                }
            }
        }
    }

    func testLenientReadOfAFileWithEveryOddityKeepsTheRestAndReportsEachInFileOrder() throws {
        let text = Self.head + """
        <event><string key="concept:name" value="a"/><int key="n" value="0.0"/><boolean key="b" value="yes"/></event>
        <event><string key="concept:name" value="b"/><date key="time:timestamp" value="2002-0530T09:30:10Z"/><string key="note"/></event>
        </trace>
        <event><string key="concept:name" value="lost"/></event>
        </log>
        """
        let result = try XESReader(options: ImportOptions(lenient: true)).read(bytes: Array(text.utf8))
        XCTAssertEqual(result.problems.map(\.isCoercion), [true, true, true, true, false])
        XCTAssertEqual(result.problems.map { $0.error.location.line ?? 0 }, [4, 4, 5, 5, 7])
        XCTAssertEqual(result.log.eventCount, 2)
        XCTAssertEqual(result.log.eventAttributes.column("n")?[0], .int(0))
        XCTAssertEqual(result.log.eventAttributes.column("b")?[0], .boolean(true))
        XCTAssertEqual(result.log.eventAttributes.column("note")?[1], .string(""))
        XCTAssertEqual(result.log.timestamps[1], 1_022_751_010_000_000)
    }
}

/// Parses canonical dates for the expectations (through the strict reader, so expectation and coercion share
/// one definition of a date).
private enum XESFixtureDates {
    static func parse(_ text: String) throws -> Timestamp {
        let xes = "<log><trace><event><date key=\"d\" value=\"\(text)\"/></event></trace></log>"
        let log = try XESReader().read(bytes: Array(xes.utf8)).log
        guard case .date(let t)? = log.eventAttributes.column("d")?[0] else { throw EventLogError(.invalidTimestamp, text) }
        return t
    }
}
