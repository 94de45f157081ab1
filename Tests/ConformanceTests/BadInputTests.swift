import Conformance
import Discovery
import EventLog
import XCTest

/// Bad inputs end in a typed error or a defined result, never a crash or a hang.
final class BadInputTests: XCTestCase {
    private func sequenceNet(final: Bool = true) -> PetriNet {
        var net = PetriNet()
        let start = net.addPlace(id: "start"), middle = net.addPlace(id: "middle"), end = net.addPlace(id: "end")
        let a = net.addTransition(id: "ta", label: "a"), b = net.addTransition(id: "tb", label: "b")
        net.addArc(from: .place(start), to: .transition(a))
        net.addArc(from: .transition(a), to: .place(middle))
        net.addArc(from: .place(middle), to: .transition(b))
        net.addArc(from: .transition(b), to: .place(end))
        net.initialMarking = [start: 1]
        if final { net.finalMarking = [end: 1] }
        return net
    }

    private func log(_ traces: [[String]]) -> EventLog {
        var builder = EventLogBuilder()
        for trace in traces {
            builder.startTrace()
            for activity in trace { builder.addEvent(activity: activity) }
        }
        return builder.build()
    }

    func testNetWithoutFinalMarkingIsATypedError() async throws {
        do {
            _ = try await Alignments().align(log([["a", "b"]]), on: sequenceNet(final: false))
            XCTFail("expected an error")
        } catch let error as ConformanceError {
            XCTAssertEqual(error.code, .noFinalMarking)
        }
        XCTAssertThrowsError(try AlignETCPrecision().precision(of: log([["a"]]), on: sequenceNet(final: false))) {
            XCTAssertEqual(($0 as? ConformanceError)?.code, .noFinalMarking)
        }
    }

    func testTokenReplayWithoutFinalMarkingCountsEveryTokenLeftAsRemaining() throws {
        let result = try TokenReplay().replay(log([["a", "b"]]), on: sequenceNet(final: false))
        XCTAssertEqual(result.variants[0].remainingTokens, 1)
        XCTAssertEqual(result.variants[0].missingTokens, 0)
        XCTAssertFalse(result.variants[0].isFit)
    }

    func testSourceTransitionMakesTheNetUnbounded() async throws {
        var net = sequenceNet()
        let generator = net.addTransition(id: "gen", label: nil)
        net.addArc(from: .transition(generator), to: .place(1))
        do {
            _ = try await Alignments().align(log([["a"]]), on: net)
            XCTFail("expected an error")
        } catch let error as ConformanceError {
            XCTAssertEqual(error.code, .unboundedNet)
        }
    }

    func testUnboundedLoopEndsWithinTheStateLimit() throws {
        var net = sequenceNet()
        let pump = net.addTransition(id: "pump", label: "a")
        let junk = net.addPlace(id: "junk")
        net.addArc(from: .place(1), to: .transition(pump))
        net.addArc(from: .transition(pump), to: .place(1))
        net.addArc(from: .transition(pump), to: .place(junk))
        let result = try Alignments(stateLimit: 10_000).align(trace: ["a", "a", "a", "b"], on: net)
        XCTAssertEqual(result.status, .optimal)
        XCTAssertEqual(result.alignment?.cost, 20_000)
    }

    func testUnreachableFinalMarkingIsATypedError() async throws {
        var net = sequenceNet()
        net.finalMarking = [2: 2]
        do {
            _ = try await Alignments().align(log([["a", "b"]]), on: net)
            XCTFail("expected an error")
        } catch let error as ConformanceError {
            XCTAssertEqual(error.code, .unreachableFinalMarking)
        }
    }

    func testUnknownActivitiesAreLogMovesAndSkippedByReplay() async throws {
        let result = try await Alignments().align(log([["a", "zzz", "b"]]), on: sequenceNet())
        let alignment = try XCTUnwrap(result.variants[0].alignment)
        XCTAssertEqual(alignment.cost, 10_000)
        XCTAssertEqual(alignment.moves.filter { $0.kind == .log }.map(\.activity), ["zzz"])
        XCTAssertEqual(alignment.fitness, 1 - 1.0 / 5.0, accuracy: 1e-12)
        let replay = try TokenReplay().replay(log([["a", "zzz", "b"]]), on: sequenceNet())
        XCTAssertEqual(replay.variants[0].unknownEvents, 1)
        XCTAssertEqual(replay.logFitness, 1)
    }

    func testEmptyLogIsATypedError() async throws {
        let empty = EventLogBuilder().build()
        XCTAssertThrowsError(try TokenReplay().replay(empty, on: sequenceNet())) {
            XCTAssertEqual(($0 as? ConformanceError)?.code, .emptyLog)
        }
        XCTAssertThrowsError(try ETCPrecision().precision(of: empty, on: sequenceNet()))
        do {
            _ = try await Alignments().align(empty, on: sequenceNet())
            XCTFail("expected an error")
        } catch let error as ConformanceError {
            XCTAssertEqual(error.code, .emptyLog)
        }
    }

    func testNegativeCostsAreRejected() {
        XCTAssertThrowsError(try Alignments(costs: AlignmentCosts(logMove: -1)).align(trace: ["a"], on: sequenceNet())) {
            XCTAssertEqual(($0 as? ConformanceError)?.code, .invalidCostFunction)
        }
    }

    func testTimeLimitEndsTheSearchWithItsStatus() throws {
        var net = PetriNet()
        let start = net.addPlace(id: "s"), end = net.addPlace(id: "e")
        net.initialMarking = [start: 1]
        net.finalMarking = [end: 1]
        var previous = start
        for i in 0..<12 {
            let split = net.addTransition(id: "split\(i)", label: nil)
            let join = net.addTransition(id: "join\(i)", label: nil)
            net.addArc(from: .place(previous), to: .transition(split))
            for label in ["a", "b", "c", "d", "e"] {
                let before = net.addPlace(id: "b\(i)\(label)"), after = net.addPlace(id: "d\(i)\(label)")
                let t = net.addTransition(id: "t\(i)\(label)", label: label)
                net.addArc(from: .transition(split), to: .place(before))
                net.addArc(from: .place(before), to: .transition(t))
                net.addArc(from: .transition(t), to: .place(after))
                net.addArc(from: .place(after), to: .transition(join))
            }
            let next = i == 11 ? end : net.addPlace(id: "q\(i)")
            net.addArc(from: .transition(join), to: .place(next))
            previous = next
        }
        let trace = Array(repeating: ["e", "d", "x", "c", "b", "a"], count: 12).flatMap { $0 }
        let limited = try Alignments(timeLimit: .nanoseconds(1)).align(trace: trace, on: net)
        XCTAssertTrue([.optimal, .timeLimitExceeded].contains(limited.status))
        let bounded = try Alignments(stateLimit: 10).align(trace: trace, on: net)
        XCTAssertTrue([.optimal, .stateLimitExceeded].contains(bounded.status))
        if bounded.status == .stateLimitExceeded { XCTAssertNil(bounded.alignment) }
    }
}
