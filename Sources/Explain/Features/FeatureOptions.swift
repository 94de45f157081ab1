/// Which case features a ``FeatureExtractor`` builds and how.
public struct FeatureOptions: Hashable, Sendable, Codable {
    /// Categorical case attributes keep their most frequent values as one-hot columns, up to this
    /// many; the rest share a `KEY=other` column.
    public var categoricalCap: Int
    /// The most frequent resources get a `resource[NAME]` count column, up to this many; the rest
    /// count in `resource[other]`.
    public var resourceCap: Int
    public var includeCaseAttributes: Bool
    public var includeActivityCounts: Bool
    public var includeRework: Bool
    public var includeResources: Bool
    public var includeTemporal: Bool
    /// Case attributes never used as features (the case identifier by default).
    public var excludedAttributes: Set<String>
    /// How durations (targets, elapsed time) are measured.
    public var timing: TimingOptions

    public init(categoricalCap: Int = 10, resourceCap: Int = 20, includeCaseAttributes: Bool = true,
                includeActivityCounts: Bool = true, includeRework: Bool = true, includeResources: Bool = true,
                includeTemporal: Bool = true, excludedAttributes: Set<String> = ["concept:name"],
                timing: TimingOptions = TimingOptions()) {
        self.categoricalCap = categoricalCap
        self.resourceCap = resourceCap
        self.includeCaseAttributes = includeCaseAttributes
        self.includeActivityCounts = includeActivityCounts
        self.includeRework = includeRework
        self.includeResources = includeResources
        self.includeTemporal = includeTemporal
        self.excludedAttributes = excludedAttributes
        self.timing = timing
    }
}
