import EventLog
import Explain
import XCTest

final class FeatureExtractorTests: XCTestCase {
    func testNamedColumnsAndValues() {
        let log = ExplainFixtures.simple()
        let extractor = FeatureExtractor(fitting: log)
        let m = extractor.features(log)
        XCTAssertEqual(m.names, [
            "events", "distinct_activities", "rework_events", "resources", "handovers",
            "start_weekday", "start_hour", "start_month", "amount", "channel=phone", "channel=web",
            "count[check]", "count[close]", "count[decide]", "count[register]", "rework[check]",
            "resource[ann]", "resource[bob]", "resource[cat]",
        ])
        XCTAssertEqual(m.caseIDs, ["c1", "c2"])
        XCTAssertEqual(m.row(0), [5, 4, 1, 2, 4, 0, 9, 1, 1000, 0, 1, 2, 1, 1, 1, 1, 3, 2, 0])
        XCTAssertEqual(m.row(1), [3, 3, 0, 3, 2, 1, 9, 1, 50, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1])
    }

    func testCategoricalCapBucketsTheRestAsOther() {
        var b = EventLogBuilder()
        for (i, channel) in ["web", "web", "web", "phone", "phone", "mail", "fax"].enumerated() {
            b.startTrace(attributes: [Attribute(key: "concept:name", value: .string("c\(i)")),
                                      Attribute(key: "channel", value: .string(channel))])
            b.addEvent(activity: "a", timestamp: ExplainFixtures.at(Double(i)))
        }
        let log = b.build()
        let m = FeatureExtractor(fitting: log, options: FeatureOptions(categoricalCap: 2)).features(log)
        let names = m.names.filter { $0.hasPrefix("channel=") }
        XCTAssertEqual(names, ["channel=web", "channel=phone", "channel=other"])
        let other = m.columnIndex("channel=other")!
        XCTAssertEqual(m.column(other), [0, 0, 0, 0, 0, 1, 1])
    }

    func testTargets() {
        let log = ExplainFixtures.simple()
        let extractor = FeatureExtractor(fitting: log)
        XCTAssertEqual(extractor.dataset(log, target: .duration).target, [7, 3])
        XCTAssertEqual(extractor.dataset(log, target: .slaBreach(seconds: 4 * 3600)).target, [1, 0])
        let waiting = extractor.dataset(log, target: .waitingBefore(activity: "close"))
        XCTAssertEqual(waiting.caseIndices, [0])
        XCTAssertEqual(waiting.target, [1])
        let custom = extractor.dataset(log, target: .column(name: "cost", values: ["c2": 12.5]))
        XCTAssertEqual(custom.features.caseIDs, ["c2"])
        XCTAssertEqual(custom.target, [12.5])
        XCTAssertEqual(custom.targetName, "cost")
    }

    /// Features at a prediction point must not change when anything after that point changes.
    func testPrefixFeaturesIgnoreEventsAfterThePredictionPoint() {
        func log(tail: [(String, String)]) -> EventLog {
            var b = EventLogBuilder()
            b.startTrace(attributes: [Attribute(key: "concept:name", value: .string("x"))])
            b.addEvent(activity: "register", timestamp: ExplainFixtures.at(9), resource: "ann")
            b.addEvent(activity: "check", timestamp: ExplainFixtures.at(10), resource: "bob")
            for (i, (activity, resource)) in tail.enumerated() {
                b.addEvent(activity: activity, timestamp: ExplainFixtures.at(20 + Double(i) * 5), resource: resource)
            }
            return b.build()
        }
        let short = log(tail: [("decide", "ann")])
        let long = log(tail: [("decide", "cat"), ("check", "cat"), ("check", "dan"), ("close", "eve")])
        let fitted = FeatureExtractor(fitting: long, point: .beforeActivity("decide"))
        let a = fitted.features(short), b = fitted.features(long)
        XCTAssertEqual(a.names, b.names)
        XCTAssertEqual(a.values, b.values)
        XCTAssertEqual(a[0, a.columnIndex("events")!], 2)
        XCTAssertEqual(a[0, a.columnIndex("elapsed_hours")!], 1)
        XCTAssertEqual(a[0, a.columnIndex("last_activity=check")!], 1)
        XCTAssertEqual(a[0, a.columnIndex("resource[cat]")!], 0)
        let byCount = FeatureExtractor(fitting: long, point: .events(2))
        XCTAssertEqual(byCount.features(short).values, byCount.features(long).values)
        let byTime = FeatureExtractor(fitting: long, point: .elapsed(seconds: 3600 * 5))
        XCTAssertEqual(byTime.features(short).values, byTime.features(long).values)
    }

    func testWaitingTargetUsesTheLeakFreePrefixByDefault() {
        let target = PredictionTarget.waitingBefore(activity: "decide")
        XCTAssertEqual(target.defaultPredictionPoint, .beforeActivity("decide"))
        XCTAssertEqual(PredictionTarget.duration.defaultPredictionPoint, .caseEnd)
    }

    func testDeviationFeatures() {
        let log = ExplainFixtures.simple()
        let deviations = CaseDeviations(countsByCase: ["c1": ["log move: check": 1], "c2": ["model move: close": 2]])
        let extractor = FeatureExtractor(fitting: log, deviations: deviations)
        let m = extractor.features(log, deviations: deviations)
        XCTAssertEqual(m.column(m.columnIndex("deviations")!), [1, 2])
        XCTAssertEqual(m.column(m.columnIndex("deviation[model move: close]")!), [0, 2])
        XCTAssertEqual(m.column(m.columnIndex("deviation[log move: check]")!), [1, 0])
    }

    func testMissingNumericAttributeIsNaN() {
        var b = EventLogBuilder()
        b.startTrace(attributes: [Attribute(key: "amount", value: .int(5))])
        b.addEvent(activity: "a", timestamp: ExplainFixtures.at(1))
        b.startTrace()
        b.addEvent(activity: "a", timestamp: ExplainFixtures.at(2))
        let log = b.build()
        let m = FeatureExtractor(fitting: log).features(log)
        let amount = m.columnIndex("amount")!
        XCTAssertEqual(m[0, amount], 5)
        XCTAssertTrue(m[1, amount].isNaN)
    }
}
