import TracewiseSupport

/// How narratives render fact values, so every number in a narrative is a rounding of a fact.
/// Durations pick one unit (days from 2 days, hours from 1 hour, else minutes) with one decimal
/// (minutes: none); ratios are percentages with one decimal; amounts have no decimals.
public enum FactFormat {
    /// `4.2 days`, `5.1 hours`, `12 minutes`.
    public static func duration(seconds: Double) -> String {
        TextFormat.duration(seconds: seconds, style: .words)
    }

    /// A duration given in hours.
    public static func duration(hours: Double) -> String { duration(seconds: hours * 3600) }

    /// `12.3%` for 0.123.
    public static func percent(_ ratio: Double) -> String { fixed(ratio * 100, 1) + "%" }

    /// `EUR 1234`.
    public static func money(_ amount: Double, currency: String) -> String { currency + " " + fixed(amount, 0) }

    /// A count or other plain number, with `decimals` digits after the point.
    public static func number(_ value: Double, decimals: Int = 0) -> String { fixed(value, decimals) }

    /// `value` rounded half away from zero to `decimals` digits, without exponent or grouping.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        TextFormat.fixed(value, decimals: decimals)
    }
}
