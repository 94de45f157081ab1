/// Global activity code → index of the cut group that holds it, or -1.
struct GroupMap {
    private var groupOf: [Int]

    init(_ groups: [[Int32]], activityCount: Int) {
        groupOf = Array(repeating: -1, count: activityCount)
        for (g, group) in groups.enumerated() { for a in group { groupOf[Int(a)] = g } }
    }

    @inline(__always)
    subscript(activity: Int32) -> Int { groupOf[Int(activity)] }
}

/// Disjoint sets over `0..<count` with path halving.
struct UnionFind {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    /// The sets, each ascending, ordered by their smallest member.
    mutating func groups() -> [[Int]] {
        var byRoot: [Int: Int] = [:]
        var result: [[Int]] = []
        for x in parent.indices {
            let root = find(x)
            if let g = byRoot[root] {
                result[g].append(x)
            } else {
                byRoot[root] = result.count
                result.append([x])
            }
        }
        return result
    }
}
