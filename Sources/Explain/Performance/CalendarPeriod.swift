import EventLog

/// A calendar bucket for throughput: local days, ISO weeks (starting Monday) or months.
public enum CalendarPeriod: String, Hashable, Sendable, Codable, CaseIterable {
    case day, week, month

    /// The first local day (days since 1970-01-01) of the period containing local day `day`.
    func periodStart(ofDay day: Int64) -> Int64 {
        switch self {
        case .day:
            return day
        case .week:
            return day - Int64(BusinessCalendar.weekdayIndex(ofDay: day))
        case .month:
            let date = ISO8601Formatting.civilFromDays(day)
            let (y, m) = (date.year, date.month)
            return ISO8601Formatting.daysFromCivil(year: y, month: m, day: 1)
        }
    }

    /// A label for the period starting on local day `start`: `2026-11-23` for days and weeks, `2026-11` for months.
    func label(ofStart start: Int64) -> String {
        let date = ISO8601Formatting.civilFromDays(start)
        let (y, m, d) = (date.year, date.month, date.day)
        let month = (m < 10 ? "0" : "") + String(m)
        if self == .month { return "\(y)-\(month)" }
        return "\(y)-\(month)-" + (d < 10 ? "0" : "") + String(d)
    }

    /// The local day number of a UTC µs instant under a fixed offset.
    static func localDay(of instant: Int64, utcOffsetMinutes: Int) -> Int64 {
        let local = instant + Int64(utcOffsetMinutes) * 60_000_000
        let day = local / 86_400_000_000
        return local % 86_400_000_000 < 0 ? day - 1 : day
    }
}
