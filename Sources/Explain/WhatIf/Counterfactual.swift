/// A case-level what-if: feature changes and the model's prediction after them.
public struct Counterfactual: Hashable, Sendable, Codable {
    /// One changed feature (or one-hot group, e.g. `region` moved from `South` to `North`).
    public struct Change: Hashable, Sendable, Codable {
        /// The column name, or the attribute key of a one-hot group.
        public var feature: String
        public var from: String
        public var to: String

        public init(feature: String, from: String, to: String) {
            self.feature = feature
            self.from = from
            self.to = to
        }
    }

    public var caseID: String
    public var originalPrediction: Double
    public var prediction: Double
    /// The prediction the search had to get below, when it was a search.
    public var threshold: Double?
    /// The changes, in the order they were chosen.
    public var changes: [Change]
    /// Whether `prediction < threshold` (true for plain what-ifs).
    public var reachesThreshold: Bool

    /// `prediction - originalPrediction`.
    public var predictedChange: Double { prediction - originalPrediction }
}
