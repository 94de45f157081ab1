/// Civil-date arithmetic and ISO 8601 formatting without Foundation, used by exporters and display.
public enum ISO8601Formatting {
    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    @inlinable
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    @inlinable
    public static func civilFromDays(_ days: Int64) -> CivilDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return CivilDate(year: Int(m <= 2 ? y + 1 : y), month: Int(m), day: Int(d))
    }

    /// The civil date, second of the day and microsecond of the instant `microseconds` (since the epoch, UTC)
    /// seen at `offsetMinutes` from UTC: the split every ISO 8601 writer starts from.
    @inlinable
    public static func civilDateTime(_ microseconds: Int64, offsetMinutes: Int64) -> (date: CivilDate, second: Int, microsecond: Int) {
        let local = microseconds + offsetMinutes * 60_000_000
        var days = local / 86_400_000_000
        var rest = local % 86_400_000_000
        if rest < 0 {
            rest += 86_400_000_000
            days -= 1
        }
        return (civilFromDays(days), Int(rest / 1_000_000), Int(rest % 1_000_000))
    }

    /// Formats a timestamp as `yyyy-MM-ddTHH:mm:ss.ffffff±hh:mm`, in the offset it carries (`Z` for offset zero, no suffix when the source had none).
    public static func format(_ t: Timestamp) -> String {
        let (date, secs, micros) = civilDateTime(t.microseconds, offsetMinutes: Int64(t.utcOffsetMinutes ?? 0))
        let (y, mo, d) = (date.year, date.month, date.day)
        guard (0...9999).contains(y) else { return formatWithWideYear(t, year: y, month: mo, day: d, second: secs, microsecond: micros) }
        return String(unsafeUninitializedCapacity: 32) { out in
            var n = 0
            func digits(_ value: Int, _ width: Int) {
                var v = value
                for i in stride(from: width - 1, through: 0, by: -1) {
                    out[n + i] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
                n += width
            }
            func byte(_ c: Unicode.Scalar) {
                out[n] = UInt8(ascii: c)
                n += 1
            }
            digits(y, 4); byte("-"); digits(mo, 2); byte("-"); digits(d, 2); byte("T")
            digits(secs / 3600, 2); byte(":"); digits(secs / 60 % 60, 2); byte(":"); digits(secs % 60, 2)
            if micros != 0 {
                var width = 6, fraction = micros
                while fraction % 10 == 0 { fraction /= 10; width -= 1 }
                byte(".")
                digits(fraction, width)
            }
            if let m = t.utcOffsetMinutes, m != 0 {
                byte(m < 0 ? "-" : "+")
                digits(abs(Int(m)) / 60, 2); byte(":"); digits(abs(Int(m)) % 60, 2)
            } else if t.utcOffsetMinutes == 0 {
                byte("Z")
            }
            return n
        }
    }

    /// The rare years outside 0…9999 (negative or five digits), formatted with `String` arithmetic.
    private static func formatWithWideYear(_ t: Timestamp, year y: Int, month mo: Int, day d: Int, second secs: Int, microsecond micros: Int) -> String {
        var s = pad(y, 4) + "-" + pad(mo, 2) + "-" + pad(d, 2) + "T"
        s += pad(secs / 3600, 2) + ":" + pad(secs / 60 % 60, 2) + ":" + pad(secs % 60, 2)
        if micros != 0 {
            var frac = pad(micros, 6)
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        if let m = t.utcOffsetMinutes, m != 0 {
            let a = abs(Int(m))
            s += (m < 0 ? "-" : "+") + pad(a / 60, 2) + ":" + pad(a % 60, 2)
        } else if t.utcOffsetMinutes == 0 {
            s += "Z"
        }
        return s
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
