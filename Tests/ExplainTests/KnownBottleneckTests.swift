import EventLog
import Explain
import XCTest

/// The synthetic order-to-cash log injects one bottleneck with a known cause (region = South waits
/// longer before Ship Goods). Our GBT + TreeSHAP on the wait before that activity must rank the cause
/// first, and the counterfactual for a slow case must name it.
///
/// (Case duration itself is dominated by the concurrent payment branch — reminders — so the wait
/// before the bottleneck activity is the KPI the injected cause drives.)
final class KnownBottleneckTests: XCTestCase {
    private static let truth = SyntheticLog.Scenario.bottleneck
    private static let cause = "\(truth.attribute)=\(truth.value)"
    private static let log = SyntheticLog.generate(events: 20_000, seed: 7)
    private static let drivers = Result { try DriverAnalysis(log: log, target: .waitingBefore(activity: truth.activity)) }

    func testTopGlobalDriverIsTheInjectedCause() throws {
        let drivers = try Self.drivers.get()
        let global = drivers.global
        XCTAssertEqual(global.drivers.first?.feature, Self.cause, "\(global.drivers.prefix(5).map(\.feature))")
        XCTAssertEqual(global.drivers.first?.raisesTargetWhenHigh, true)
        XCTAssertEqual(global.unit, "hours")
        // Features stop before the activity (prefix schema), so the model cannot see the wait itself.
        XCTAssertTrue(drivers.dataset.features.names.contains("elapsed_hours"))
        for row in drivers.slowestRows(5) {
            let local = drivers.local(row: row)
            XCTAssertEqual(local.prediction, drivers.model.predict(drivers.dataset.features.row(row)), accuracy: 1e-6)
            XCTAssertEqual(local.waterfall.last?.end ?? local.expectedValue, local.prediction, accuracy: 1e-6)
        }
    }

    func testCounterfactualForASlowCaseNamesTheCause() throws {
        let drivers = try Self.drivers.get()
        let features = drivers.dataset.features
        let south = try XCTUnwrap(features.columnIndex(Self.cause))
        let slowSouth = try XCTUnwrap(drivers.slowestRows(features.rowCount).first { features[$0, south] == 1 })
        let search = CounterfactualSearch(model: drivers.model, reference: features,
                                          actionable: ["segment", "express", Self.truth.attribute])
        let row = features.row(slowSouth)
        let predicted = drivers.model.predict(row)
        let threshold = predicted - Self.truth.meanExtraWaitSeconds / 3600 / 2
        let counterfactual = search.smallestChange(row: row, caseID: features.caseIDs[slowSouth], below: threshold)
        XCTAssertTrue(counterfactual.reachesThreshold, "\(counterfactual)")
        XCTAssertEqual(counterfactual.changes.count, 1, "\(counterfactual.changes)")
        XCTAssertEqual(counterfactual.changes.first?.feature, Self.truth.attribute)
        XCTAssertEqual(counterfactual.changes.first?.from, Self.truth.value)
        XCTAssertLessThan(counterfactual.prediction, threshold)
        let local = drivers.local(row: slowSouth)
        XCTAssertTrue(local.up.prefix(3).contains { $0.feature == Self.cause }, "\(local.up.map(\.feature))")
    }

    func testWhyIsTheBottleneckActivitySlow() throws {
        let why = try ActivityDelayExplanation(activity: Self.truth.activity, log: Self.log)
        XCTAssertEqual(why.drivers.first?.feature, Self.cause, "\(why.drivers.map(\.feature))")
        XCTAssertGreaterThan(why.waiting.meanSeconds, Self.truth.meanNormalWaitSeconds)
        XCTAssertEqual(why.slowestCases.count, 3)
        XCTAssertThrowsError(try ActivityDelayExplanation(activity: "No Such Activity", log: Self.log)) { error in
            XCTAssertEqual((error as? ExplainError)?.code, .unknownActivity)
        }
    }
}
