import Discovery
import EventLog
import Synchronization
import XCTest

/// The inductive miners report the activities they have placed in the tree (each activity is one leaf),
/// find the same tree as without a handler, and stop when their task is cancelled.
final class DiscoveryProgressTests: XCTestCase {
    private static let miners: [(String, InductiveMiner)] = [
        ("IM", InductiveMiner()), ("IMf", InductiveMiner(noise: 0.2)), ("IMd", InductiveMiner(variant: .directlyFollows)),
    ]

    /// Logs that take the cuts, the fall-throughs (activity once per trace, tau loops, the flower model) and
    /// IMf's filtering.
    private static func logs() -> [(String, VariantLog)] {
        let synthetic = VariantLog(SyntheticLog.generate(events: 4_000, seed: 11))
        var tangled = VariantLog(activityNames: ["a", "b", "c", "d", "e"])
        for (trace, count) in [([0, 1, 2, 3], 5), ([2, 0, 4], 3), ([1, 1, 3, 0], 2), ([4, 3, 2, 1, 0], 1), ([], 1),
                               ([3, 4, 3, 4, 1], 2), ([0], 4)] as [([Int32], Int)] {
            tangled.add(trace, count: count)
        }
        return [("synthetic", synthetic), ("tangled", tangled)]
    }

    func testReportsFromZeroToEveryActivityInOrderAndFindsTheSameTree() throws {
        for (logName, log) in Self.logs() {
            for (minerName, miner) in Self.miners {
                let reports = Mutex<[WorkProgress]>([])
                let tree = try miner.discover(from: log, progress: { p in reports.withLock { $0.append(p) } })
                let label = "\(minerName) on \(logName)"
                XCTAssertEqual(tree, miner.discover(from: log), "\(label): the handler changes nothing")
                let seen = reports.withLock { $0 }
                let activities = log.alphabet.count
                XCTAssertEqual(seen.first, WorkProgress(phase: "discover", completed: 0, total: activities, unit: "activities"), label)
                XCTAssertEqual(seen.last, WorkProgress(phase: "discover", completed: activities, total: activities, unit: "activities"), label)
                XCTAssertEqual(seen.map(\.completed), seen.map(\.completed).sorted(), "\(label): reports arrive in order")
                if minerName != "IMf" {
                    // Every activity is one leaf of IM's and IMd's trees: one report per leaf, then the end.
                    XCTAssertEqual(seen.map(\.completed), Array(0...activities) + [activities], label)
                    XCTAssertEqual(tree.leafActivityCount, activities, label)
                }
            }
        }
    }

    func testIMdOnADirectlyFollowsGraphReportsItsActivities() throws {
        let dfg = DirectlyFollowsGraph(SyntheticLog.generate(events: 4_000, seed: 3))
        let miner = InductiveMiner(variant: .directlyFollows)
        let reports = Mutex<[WorkProgress]>([])
        let tree = try miner.discover(from: dfg, progress: { p in reports.withLock { $0.append(p) } })
        XCTAssertEqual(tree, miner.discover(from: dfg))
        let occurring = dfg.activityCounts.filter { $0 > 0 }.count
        XCTAssertEqual(reports.withLock { $0 }.map(\.completed), Array(0...occurring) + [occurring])
    }

    func testAlphaReportsEveryCausalPairInOrderAndFindsTheSameNet() throws {
        for seed: UInt64 in [1, 2] {
            let log = SyntheticLog.generate(events: 3_000, seed: seed)
            let reports = Mutex<[WorkProgress]>([])
            let net = try AlphaMiner().discover(from: log, progress: { p in reports.withLock { $0.append(p) } })
            XCTAssertEqual(net, AlphaMiner().discover(from: log))
            let seen = reports.withLock { $0 }
            let pairs = try XCTUnwrap(seen.first?.total)
            XCTAssertGreaterThan(pairs, 0)
            XCTAssertEqual(seen.map(\.completed), Array(0...pairs) + [pairs], "one report per causal pair, then the end")
            XCTAssertEqual(Set(seen.map(\.unit)), ["pairs"])
        }
    }

    func testACancelledTaskThrowsCancellationError() async {
        let log = SyntheticLog.generate(events: 2_000, seed: 5)
        for (name, miner) in Self.miners {
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try miner.discover(from: log, progress: nil)
            }
            do {
                _ = try await task.value
                XCTFail("\(name) in a cancelled task returned a tree")
            } catch {
                XCTAssertTrue(error is CancellationError, "\(name): \(error)")
            }
        }
        let alpha = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try AlphaMiner().discover(from: log, progress: nil)
        }
        do {
            _ = try await alpha.value
            XCTFail("Alpha in a cancelled task returned a net")
        } catch {
            XCTAssertTrue(error is CancellationError, "Alpha: \(error)")
        }
    }

    /// Cancelled from its own progress handler after the first leaf: the recursion stops at its next step.
    func testCancellingMidwayStopsTheRecursion() async {
        let log = SyntheticLog.generate(events: 4_000, seed: 9)
        let placed = Mutex(0)
        let task = Task {
            try InductiveMiner().discover(from: log, progress: { p in
                placed.withLock { $0 = p.completed }
                if p.completed == 1 { withUnsafeCurrentTask { $0?.cancel() } }
            })
        }
        do {
            _ = try await task.value
            XCTFail("a cancelled discovery returned a tree")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
        XCTAssertLessThan(placed.withLock { $0 }, log.activityNames.count, "stopped before placing every activity")
    }
}

private extension ProcessTree {
    /// The number of leaves that are activities.
    var leafActivityCount: Int {
        switch self {
        case .activity: 1
        case .silent: 0
        default: children.reduce(0) { $0 + $1.leafActivityCount }
        }
    }
}
