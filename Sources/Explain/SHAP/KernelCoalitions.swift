import EventLog

/// The coalitions KernelSHAP evaluates, as membership bit rows, with their regression weights.
struct KernelCoalitions {
    let playerCount: Int
    /// Row-major membership: `members[c * playerCount + j]`.
    private(set) var members: [Bool] = []
    private(set) var weights: [Double] = []

    var count: Int { weights.count }

    func contains(_ coalition: Int, _ player: Int) -> Bool {
        members[coalition * playerCount + player]
    }

    private mutating func append(_ membership: [Bool], weight: Double) {
        members.append(contentsOf: membership)
        weights.append(weight)
    }

    /// Every proper non-empty coalition with its Shapley kernel weight `(M−1) / (C(M,s)·s·(M−s))`.
    static func all(playerCount m: Int) -> KernelCoalitions {
        var result = KernelCoalitions(playerCount: m)
        for mask in 1..<((1 << m) - 1) {
            let membership = (0..<m).map { mask & (1 << $0) != 0 }
            let size = mask.nonzeroBitCount
            result.append(membership, weight: Double(m - 1) / (binomial(m, size) * Double(size * (m - size))))
        }
        return result
    }

    /// `count` coalitions drawn in complementary pairs: a size with probability ∝ `1/(s(M−s))`, then a
    /// uniform subset of that size. Drawn from the kernel's own distribution, every sample weighs the same.
    static func sampled(playerCount m: Int, count: Int, seed: UInt64) -> KernelCoalitions {
        var generator = SplitMix64(seed: seed)
        let sizeWeights = (1..<m).map { 1 / Double($0 * (m - $0)) }
        let total = sizeWeights.reduce(0, +)
        var result = KernelCoalitions(playerCount: m)
        var players = Array(0..<m)
        for _ in 0..<max(1, count / 2) {
            var target = generator.unit() * total
            var size = 1
            while size < m - 1 && target >= sizeWeights[size - 1] {
                target -= sizeWeights[size - 1]
                size += 1
            }
            for index in 0..<size {
                let pick = index + Int(generator.next() % UInt64(m - index))
                players.swapAt(index, pick)
            }
            var membership = [Bool](repeating: false, count: m)
            for index in 0..<size { membership[players[index]] = true }
            result.append(membership, weight: 1)
            result.append(membership.map { !$0 }, weight: 1)
        }
        return result
    }

    private static func binomial(_ n: Int, _ k: Int) -> Double {
        var result = 1.0
        for i in 0..<min(k, n - k) { result = result * Double(n - i) / Double(i + 1) }
        return result
    }
}
