/// The Shapley weights `s! (d − s − 1)! / d!` for coalition size `s` among `d` players.
enum ShapleyWeights {
    /// `weights[s]` for `s` in `0..<d`.
    static func weights(playerCount d: Int) -> [Double] {
        guard d > 0 else { return [] }
        // w(0) = 1/d; w(s+1) = w(s) · (s+1) / (d − s − 1).
        var result = [Double](repeating: 0, count: d)
        result[0] = 1 / Double(d)
        for s in 0..<(d - 1) {
            result[s + 1] = result[s] * Double(s + 1) / Double(d - s - 1)
        }
        return result
    }
}
