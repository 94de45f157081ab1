/// What time costs, for the CFO narrative: a cost of delay per case-hour of waiting and a cost per hour
/// of work per resource. Supplied by the caller; Tracewise never guesses money.
public struct CostModel: Hashable, Sendable, Codable {
    /// Currency code shown with amounts, e.g. `EUR`.
    public var currency: String
    /// Cost of one hour a case spends waiting.
    public var costPerWaitingHour: Double
    /// Cost of one hour of work, per resource name.
    public var costPerResourceHour: [String: Double]
    /// Cost of one hour of work of resources not listed (and of work without a resource).
    public var defaultCostPerResourceHour: Double

    public init(currency: String = "EUR", costPerWaitingHour: Double, costPerResourceHour: [String: Double] = [:],
                defaultCostPerResourceHour: Double = 0) {
        self.currency = currency
        self.costPerWaitingHour = costPerWaitingHour
        self.costPerResourceHour = costPerResourceHour
        self.defaultCostPerResourceHour = defaultCostPerResourceHour
    }
}
