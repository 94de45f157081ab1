/// A proleptic Gregorian calendar date, as ``ISO8601Formatting/civilFromDays(_:)`` returns it.
public struct CivilDate: Hashable, Sendable {
    public var year: Int
    /// 1 (January) … 12.
    public var month: Int
    /// 1 … 31.
    public var day: Int

    @inlinable
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}
