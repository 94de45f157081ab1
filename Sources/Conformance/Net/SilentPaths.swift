/// Shortest sequences of silent transitions leading from one place to another: PM4Py's
/// `places_shortest_path_by_hidden`, which the token replay uses to enable transitions and to reach the
/// final marking.
///
/// `path(from: p, to: q)` is the shortest list of silent transitions such that, starting from a token in
/// `p`, firing them in order moves a token into `q` (one input place each is followed, so the path may
/// need further tokens elsewhere). A path from a place to itself exists only through a silent cycle.
///
/// - Complexity: O(P × (P + A)) to build, breadth first from every place.
package struct SilentPaths: Sendable {
    private let paths: [[[Int]?]]

    package init(_ net: CompiledNet, maximumLength: Int = 51) {
        var all: [[[Int]?]] = []
        all.reserveCapacity(net.placeCount)
        for source in 0..<net.placeCount {
            all.append(SilentPaths.paths(from: source, in: net, maximumLength: maximumLength))
        }
        paths = all
    }

    /// The silent transitions leading from `source` to `target`, or nil when there is no such path.
    @inline(__always)
    package func path(from source: Int, to target: Int) -> [Int]? {
        paths[source][target]
    }

    private static func paths(from source: Int, in net: CompiledNet, maximumLength: Int) -> [[Int]?] {
        var found = Array<[Int]?>(repeating: nil, count: net.placeCount)
        var frontier: [(place: Int, path: [Int])] = [(source, [])]
        var head = 0
        while head < frontier.count {
            let (place, path) = frontier[head]
            head += 1
            if path.count >= maximumLength { continue }
            for k in net.consumersStart[place]..<net.consumersStart[place + 1] {
                let t = net.consumers[k]
                guard net.label[t] < 0 else { continue }
                for a in net.postStart[t]..<net.postStart[t + 1] {
                    let next = net.postPlace[a]
                    if found[next] == nil {
                        let extended = path + [t]
                        found[next] = extended
                        frontier.append((next, extended))
                    }
                }
            }
        }
        return found
    }
}
