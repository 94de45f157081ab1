import Discovery
import XCTest

final class ProcessTreeLanguageTests: XCTestCase {
    private func language(_ text: String) throws -> ProcessTreeLanguage {
        ProcessTreeLanguage(try ProcessTree(pm4pyText: text))
    }

    func testSequenceChoiceAndParallel() throws {
        let l = try language("->( 'a', X( tau, 'b' ), +( 'c', 'd' ) )")
        XCTAssertTrue(l.accepts(["a", "c", "d"]))
        XCTAssertTrue(l.accepts(["a", "b", "d", "c"]))
        XCTAssertFalse(l.accepts(["a", "b", "b", "c", "d"]))
        XCTAssertFalse(l.accepts(["a", "c"]))
        XCTAssertFalse(l.accepts(["b", "a", "c", "d"]))
        XCTAssertFalse(l.accepts(["a", "c", "d", "x"]))
        XCTAssertFalse(l.accepts([]))
    }

    func testLoopsWithSilentAndVisibleRedo() throws {
        let selfLoop = try language("*( 'a', tau )")
        XCTAssertTrue(selfLoop.accepts(["a"]))
        XCTAssertTrue(selfLoop.accepts(["a", "a", "a"]))
        XCTAssertFalse(selfLoop.accepts([]))
        let redo = try language("*( ->( 'a', 'b' ), 'c' )")
        XCTAssertTrue(redo.accepts(["a", "b", "c", "a", "b"]))
        XCTAssertFalse(redo.accepts(["a", "b", "c"]))
        XCTAssertFalse(redo.accepts(["a", "b", "a", "b"]))
        let flower = try language("*( tau, X( 'a', 'b' ) )")
        XCTAssertTrue(flower.accepts([]))
        XCTAssertTrue(flower.accepts(["b", "a", "a", "b"]))
        let nested = try language("*( +( X( tau, 'a' ), *( 'b', tau ) ), 'c' )")
        XCTAssertTrue(nested.accepts(["b", "a", "b", "c", "b", "c", "b", "b", "a"]))
        XCTAssertFalse(nested.accepts(["b", "a", "a"]))
    }

    func testRepeatedLabelsAreReplayedOnTheNet() throws {
        let l = try language("->( 'a', X( 'b', ->( 'c', 'b' ) ), 'a' )")
        XCTAssertTrue(l.accepts(["a", "b", "a"]))
        XCTAssertTrue(l.accepts(["a", "c", "b", "a"]))
        XCTAssertFalse(l.accepts(["a", "c", "a"]))
        XCTAssertFalse(l.accepts(["a", "b"]))
    }

    func testTreeAndItsNetAgreeOnEveryShortTrace() throws {
        let texts = [
            "->( 'a', X( tau, 'b' ), +( 'c', *( 'd', tau ) ) )",
            "*( ->( X( tau, 'a' ), 'b' ), X( 'c', tau ) )",
            "+( *( 'a', 'b' ), X( tau, 'c' ) )",
            "X( tau, *( tau, X( 'a', 'b' ) ), ->( 'c', 'c' ) )",
        ]
        let alphabet = ["a", "b", "c", "d"]
        var traces: [[String]] = [[]]
        var frontier: [[String]] = [[]]
        for _ in 0..<5 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + [$0] } }
            traces += frontier
        }
        for text in texts {
            let tree = try ProcessTree(pm4pyText: text)
            let structural = ProcessTreeLanguage(tree)
            let viaNet = ProcessTreeLanguage(.sequence([tree, .activity("a"), .activity("a")]))
            var accepted = 0
            for trace in traces {
                let expected = structural.accepts(trace)
                if expected { accepted += 1 }
                XCTAssertEqual(viaNet.accepts(trace + ["a", "a"]), expected, "\(text) on \(trace)")
            }
            XCTAssertGreaterThan(accepted, 0, text)
        }
    }
}
