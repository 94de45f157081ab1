/// Working memory of ``TokenReplayEngine`` for enabling transitions through silent paths, reused from
/// event to event so the token game allocates nothing once the buffers have grown.
///
/// One scratch serves one replay at a time; concurrent replays each need their own.
package struct TokenReplayScratch: Sendable {
    /// Per transition: the event during which it was last visited (``epoch`` for the current event).
    var visitedAt: [Int]
    /// Numbers the events that needed silent transitions.
    var epoch = 0
    /// Per recursion depth of `apply_hidden_trans`: the underfed places of the transition to enable.
    var underfed: [[Int]] = [[], []]
    /// Per recursion depth: the silent paths tried, as ``SilentPaths`` keys, shortest first.
    var groups: [[Int]] = [[], []]
    /// Per group: the next of its transitions to try (`enable_hidden_transitions`).
    var nextInGroup: [Int] = []
    /// Marked places, for the paths towards the final marking.
    var marked: [Int] = []

    package init(transitionCount: Int) {
        visitedAt = Array(repeating: 0, count: transitionCount)
    }

    /// Starts a new event: no transition is visited.
    mutating func beginEvent() {
        epoch += 1
    }

    @inline(__always)
    func isVisited(_ t: Int) -> Bool {
        visitedAt[t] == epoch
    }

    @inline(__always)
    mutating func visit(_ t: Int) {
        visitedAt[t] = epoch
    }
}
