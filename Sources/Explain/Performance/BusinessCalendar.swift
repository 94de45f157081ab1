import EventLog

/// Working time: which hours of which weekdays count, minus holidays. Every duration Explain computes
/// (service, waiting, sojourn, cycle time) goes through a calendar; ``continuous`` counts every second.
///
/// Times are interpreted in a fixed local offset from UTC (``utcOffsetMinutes``), because event
/// logs store UTC instants and working hours are local.
///
/// ```swift
/// let office = BusinessCalendar.officeHours(start: 9, end: 17, utcOffsetMinutes: 60,
///                                           holidays: [BusinessCalendar.Day(year: 2026, month: 12, day: 25)])
/// let seconds = office.seconds(from: t0, to: t1)  // working seconds between two UTC µs instants
/// ```
public struct BusinessCalendar: Hashable, Sendable, Codable {
    /// A civil date.
    public struct Day: Hashable, Sendable, Codable, Comparable {
        public var year: Int
        public var month: Int
        public var day: Int

        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// Days since 1970-01-01.
        var dayNumber: Int64 { ISO8601Formatting.daysFromCivil(year: year, month: month, day: day) }

        public static func < (a: Day, b: Day) -> Bool { a.dayNumber < b.dayNumber }
    }

    /// Working interval of one weekday in minutes after local midnight, `start < end <= 1440`.
    public struct Shift: Hashable, Sendable, Codable {
        public var startMinute: Int
        public var endMinute: Int

        public init(startMinute: Int, endMinute: Int) {
            precondition(0 <= startMinute && startMinute <= endMinute && endMinute <= 1440, "invalid shift")
            self.startMinute = startMinute
            self.endMinute = endMinute
        }
    }

    /// Shifts indexed by ISO weekday - 1 (0 = Monday ... 6 = Sunday); nil means a day off.
    public var shifts: [Shift?]
    /// Days off besides the weekly pattern.
    public var holidays: Set<Day>
    /// The local offset from UTC in minutes in which shifts and holidays are read.
    public var utcOffsetMinutes: Int

    public init(shifts: [Shift?], holidays: Set<Day> = [], utcOffsetMinutes: Int = 0) {
        precondition(shifts.count == 7, "one shift slot per weekday")
        self.shifts = shifts
        self.holidays = holidays
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// Every second counts: durations are plain differences.
    public static let continuous = BusinessCalendar(shifts: Array(repeating: Shift(startMinute: 0, endMinute: 1440), count: 7))

    /// Monday to Friday from `start` to `end` o'clock local time.
    public static func officeHours(start: Int = 9, end: Int = 17, utcOffsetMinutes: Int = 0,
                                   holidays: Set<Day> = []) -> BusinessCalendar {
        let shift = Shift(startMinute: start * 60, endMinute: end * 60)
        return BusinessCalendar(shifts: Array(repeating: shift, count: 5) + [nil, nil], holidays: holidays,
                                utcOffsetMinutes: utcOffsetMinutes)
    }

    /// Whether this calendar counts every second (so durations need no calendar arithmetic).
    public var isContinuous: Bool {
        holidays.isEmpty && shifts.allSatisfy { $0 == Shift(startMinute: 0, endMinute: 1440) }
    }

    /// Working microseconds between two UTC instants (µs since the epoch); 0 when `to <= from`.
    /// - Complexity: O(1) for ``continuous``; otherwise O(days spanned / 7 + holidays).
    public func microseconds(from: Int64, to: Int64) -> Int64 {
        guard to > from else { return 0 }
        if isContinuous { return to - from }
        return workingMicroseconds(upTo: to) - workingMicroseconds(upTo: from)
    }

    /// Working seconds between two UTC instants (µs since the epoch).
    public func seconds(from: Int64, to: Int64) -> Double {
        Double(microseconds(from: from, to: to)) / 1_000_000
    }

    private static let dayMicros: Int64 = 86_400_000_000
    private static let minuteMicros: Int64 = 60_000_000

    /// ISO weekday index (0 = Monday) of a day number; 1970-01-01 was a Thursday.
    static func weekdayIndex(ofDay day: Int64) -> Int {
        Int(((day % 7) + 7 + 3) % 7)
    }

    /// Working µs from a fixed origin (local day 0) to `instant`: a monotone function whose differences
    /// are working durations.
    private func workingMicroseconds(upTo instant: Int64) -> Int64 {
        let local = instant + Int64(utcOffsetMinutes) * Self.minuteMicros
        var day = local / Self.dayMicros
        var intoDay = local % Self.dayMicros
        if intoDay < 0 { intoDay += Self.dayMicros; day -= 1 }
        var total = fullWeeksAndDays(before: day)
        total -= holidayMicros(before: day)
        if !holidays.contains(where: { $0.dayNumber == day }) {
            total += workedWithinDay(weekday: Self.weekdayIndex(ofDay: day), upToMicro: intoDay)
        }
        return total
    }

    /// Working µs of the weekly pattern on days `[0, day)` (negative days count negatively).
    private func fullWeeksAndDays(before day: Int64) -> Int64 {
        let weekly = shifts.reduce(Int64(0)) { $0 + shiftMicros($1) }
        var weeks = day / 7
        var rest = day % 7
        if rest < 0 { rest += 7; weeks -= 1 }
        var total = weeks * weekly
        let firstDay = weeks * 7
        for d in 0..<rest { total += shiftMicros(shifts[Self.weekdayIndex(ofDay: firstDay + d)]) }
        return total
    }

    private func holidayMicros(before day: Int64) -> Int64 {
        var total: Int64 = 0
        for holiday in holidays {
            let n = holiday.dayNumber
            let worked = shiftMicros(shifts[Self.weekdayIndex(ofDay: n)])
            if n < day && n >= 0 { total += worked }
            if n >= day && n < 0 { total -= worked }
        }
        return total
    }

    private func shiftMicros(_ shift: Shift?) -> Int64 {
        guard let shift else { return 0 }
        return Int64(shift.endMinute - shift.startMinute) * Self.minuteMicros
    }

    private func workedWithinDay(weekday: Int, upToMicro micro: Int64) -> Int64 {
        guard let shift = shifts[weekday] else { return 0 }
        let start = Int64(shift.startMinute) * Self.minuteMicros
        let end = Int64(shift.endMinute) * Self.minuteMicros
        return max(0, min(micro, end) - start)
    }
}
