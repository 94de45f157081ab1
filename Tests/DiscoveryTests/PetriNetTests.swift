import Discovery
import XCTest

final class PetriNetTests: XCTestCase {
    func testPresetsAndPostsetsFollowArcs() {
        var net = PetriNet()
        let start = net.addPlace(id: "start"), end = net.addPlace(id: "end")
        let a = net.addTransition(id: "t_a", label: "a")
        let tau = net.addTransition(id: "t_tau", label: nil)
        net.addArc(from: .place(start), to: .transition(a), weight: 2)
        net.addArc(from: .transition(a), to: .place(end))
        XCTAssertEqual(net.presets[a].map(\.place), [start])
        XCTAssertEqual(net.presets[a].map(\.weight), [2])
        XCTAssertEqual(net.postsets[a].map(\.place), [end])
        XCTAssertTrue(net.transitions[tau].isSilent)
        XCTAssertEqual(net.transitions[a].name, "a")
    }
}
