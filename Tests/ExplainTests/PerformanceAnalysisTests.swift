import EventLog
import Explain
import XCTest

final class PerformanceAnalysisTests: XCTestCase {
    private let h = 3600.0

    func testCycleWaitingAndServiceWithoutLifecycle() {
        let analysis = PerformanceAnalysis(ExplainFixtures.simple())
        XCTAssertEqual(analysis.instances.startSource, .none)
        XCTAssertEqual(analysis.cycleSeconds, [7 * h, 3 * h])
        XCTAssertEqual(analysis.waitingSeconds, [0, 1 * h, 3 * h, 2 * h, 1 * h, 0, 2 * h, 1 * h])
        XCTAssertEqual(analysis.serviceSeconds, Array(repeating: 0, count: 8))
        let report = analysis.report(period: .day)
        XCTAssertEqual(report.cycleTime.meanSeconds, 5 * h)
        let check = report.activities.first { $0.activity == "check" }!
        XCTAssertEqual(check.instances, 3)
        XCTAssertEqual(check.cases, 2)
        XCTAssertEqual(check.waiting.totalSeconds, 5 * h)
        XCTAssertEqual(check.waiting.medianSeconds, 2 * h)
        XCTAssertEqual(check.reworkInstances, 1)
        XCTAssertEqual(check.casesWithRework, 1)
    }

    func testLifecyclePairsGiveServiceTime() {
        let analysis = PerformanceAnalysis(ExplainFixtures.lifecycle())
        XCTAssertEqual(analysis.instances.startSource, .lifecycle)
        XCTAssertEqual(analysis.instances.count, 3)
        XCTAssertEqual(analysis.serviceSeconds, [1 * h, 0.5 * h, 0])
        XCTAssertEqual(analysis.waitingSeconds, [0, 2 * h, 0.5 * h])
        XCTAssertEqual(analysis.cycleSeconds, [4 * h])
        XCTAssertEqual(analysis.sojournSeconds(1), 2.5 * h)
    }

    func testStartTimestampAttribute() {
        var b = EventLogBuilder()
        b.startTrace()
        b.addEvent(activity: "a", timestamp: ExplainFixtures.at(10),
                   attributes: [Attribute(key: "start_timestamp", value: .date(ExplainFixtures.at(8)))])
        b.addEvent(activity: "b", timestamp: ExplainFixtures.at(12),
                   attributes: [Attribute(key: "start_timestamp", value: .date(ExplainFixtures.at(11)))])
        let analysis = PerformanceAnalysis(b.build())
        XCTAssertEqual(analysis.instances.startSource, .startTimestampAttribute)
        XCTAssertEqual(analysis.serviceSeconds, [2 * h, 1 * h])
        XCTAssertEqual(analysis.waitingSeconds, [0, 1 * h])
    }

    func testReworkThroughputResourcesAndHandovers() {
        let report = PerformanceAnalysis(ExplainFixtures.simple()).report(period: .day)
        XCTAssertEqual(report.rework.casesWithRework, 1)
        XCTAssertEqual(report.rework.reworkInstances, 1)
        XCTAssertEqual(report.rework.loopBacks, 1)
        XCTAssertEqual(report.rework.selfLoops, 0)
        XCTAssertEqual(report.rework.caseShare, 0.5)
        XCTAssertEqual(report.throughput.map(\.period), ["2024-01-01", "2024-01-02"])
        XCTAssertEqual(report.throughput.map(\.casesCompleted), [1, 1])
        XCTAssertEqual(report.throughput.map(\.activitiesCompleted), [5, 3])
        let weekly = PerformanceAnalysis(ExplainFixtures.simple()).throughput(period: .week)
        XCTAssertEqual(weekly.map(\.period), ["2024-01-01"])
        XCTAssertEqual(weekly.first?.casesStarted, 2)
        let ann = report.resources.first { $0.resource == "ann" }!
        XCTAssertEqual(ann.instances, 4)
        XCTAssertEqual(ann.cases, 2)
        XCTAssertEqual(ann.activities, 3)
        let annToBob = report.handovers.first { $0.from == "ann" && $0.to == "bob" }!
        XCTAssertEqual(annToBob.count, 3)
        XCTAssertEqual(annToBob.meanWaitingSeconds, (1 + 2 + 2) * h / 3)
        XCTAssertEqual(report.handovers.first { $0.from == "bob" && $0.to == "cat" }?.count, 1)
    }

    func testTransitionsAreDirectlyFollowsWaiting() {
        let report = PerformanceAnalysis(ExplainFixtures.simple()).report()
        let registerCheck = report.transitions.first { $0.from == "register" && $0.to == "check" }!
        XCTAssertEqual(registerCheck.duration.count, 2)
        XCTAssertEqual(registerCheck.duration.meanSeconds, 1.5 * h)
    }

    func testBusinessCalendarCountsOnlyWorkingHours() {
        let office = BusinessCalendar.officeHours(start: 9, end: 17)
        let m = ExplainFixtures.monday
        let hour = ExplainFixtures.hour
        XCTAssertEqual(office.seconds(from: m + 16 * hour, to: m + 24 * hour + 10 * hour), 2 * h)
        // Friday 16:00 to Monday 10:00 spans a weekend: 1 h + 1 h.
        XCTAssertEqual(office.seconds(from: m + 4 * 24 * hour + 16 * hour, to: m + 7 * 24 * hour + 10 * hour), 2 * h)
        // Four full weeks from Monday 00:00: 20 working days of 8 h.
        XCTAssertEqual(office.seconds(from: m, to: m + 28 * 24 * hour), 160 * h)
        let withHoliday = BusinessCalendar.officeHours(holidays: [BusinessCalendar.Day(year: 2024, month: 1, day: 2)])
        XCTAssertEqual(withHoliday.seconds(from: m, to: m + 3 * 24 * hour), 16 * h)
        let shifted = BusinessCalendar.officeHours(start: 9, end: 17, utcOffsetMinutes: 60)
        XCTAssertEqual(shifted.seconds(from: m + 7 * hour, to: m + 9 * hour), 1 * h)
        XCTAssertEqual(BusinessCalendar.continuous.seconds(from: m, to: m + hour), h)
    }

    func testCalendarAppliesToEveryDuration() {
        let options = TimingOptions(calendar: .officeHours(start: 9, end: 17))
        let analysis = PerformanceAnalysis(ExplainFixtures.simple(), options: options)
        // c2 runs Tuesday 09:00–12:00 entirely in office hours; c1 Monday 09:00–16:00.
        XCTAssertEqual(analysis.cycleSeconds, [7 * h, 3 * h])
        var b = EventLogBuilder()
        b.startTrace()
        b.addEvent(activity: "a", timestamp: ExplainFixtures.at(16))
        b.addEvent(activity: "b", timestamp: ExplainFixtures.at(24 + 10))
        let overnight = PerformanceAnalysis(b.build(), options: options)
        XCTAssertEqual(overnight.cycleSeconds, [2 * h])
        XCTAssertEqual(overnight.waitingSeconds, [0, 2 * h])
    }
}
