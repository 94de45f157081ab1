/// Shortest sequences of silent transitions leading from one place to another: PM4Py's
/// `places_shortest_path_by_hidden`, which the token replay uses to enable transitions and to reach the
/// final marking.
///
/// The path from `p` to `q` is the shortest list of silent transitions such that, starting from a token in
/// `p`, firing them in order moves a token into `q` (one input place each is followed, so the path may
/// need further tokens elsewhere). A path from a place to itself exists only through a silent cycle.
///
/// Paths are stored flat, so the replay reads them without allocating or reference counting: the pair
/// `(p, q)` has the key `p × placeCount + q`, ``length(_:)`` is -1 when there is no path, and the path is
/// `steps[start(key) ..< start(key) + length(key)]`.
///
/// - Complexity: O(P × (P + A)) to build, breadth first from every place.
package struct SilentPaths: Sendable {
    package let placeCount: Int
    /// The transitions of every path, one path after the other.
    package let steps: [Int]
    private let starts: [Int32]
    private let lengths: [Int32]

    package init(_ net: CompiledNet, maximumLength: Int = 51) {
        placeCount = net.placeCount
        var steps: [Int] = []
        var starts = Array(repeating: Int32(0), count: net.placeCount * net.placeCount)
        var lengths = Array(repeating: Int32(-1), count: net.placeCount * net.placeCount)
        for source in 0..<net.placeCount {
            for (target, path) in SilentPaths.paths(from: source, in: net, maximumLength: maximumLength).enumerated() {
                guard let path else { continue }
                starts[source * net.placeCount + target] = Int32(steps.count)
                lengths[source * net.placeCount + target] = Int32(path.count)
                steps.append(contentsOf: path)
            }
        }
        self.steps = steps
        self.starts = starts
        self.lengths = lengths
    }

    /// The key of the pair (`source`, `target`).
    @inline(__always)
    package func key(from source: Int, to target: Int) -> Int {
        source * placeCount + target
    }

    /// The number of silent transitions on the path of `key`, or -1 when there is no path.
    @inline(__always)
    package func length(_ key: Int) -> Int {
        Int(lengths[key])
    }

    /// The index in ``steps`` of the first transition of the path of `key`.
    @inline(__always)
    package func start(_ key: Int) -> Int {
        Int(starts[key])
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
