/// Writes timestamps as ISO 8601 bytes (`yyyy-MM-ddTHH:mm:ss[.ffffff][Z|±hh:mm]`) without allocating,
/// in the offset the value carries (no suffix when the source had none).
enum TimestampWriter {
    static func write(_ t: Timestamp, into out: inout CSVOutputBuffer) {
        let (date, secs, micros) = ISO8601Formatting.civilDateTime(t.microseconds, offsetMinutes: Int64(t.utcOffsetMinutes ?? 0))
        let (y, mo, d) = (date.year, date.month, date.day)
        digits(y, 4, &out)
        out.byte(UInt8(ascii: "-"))
        digits(mo, 2, &out)
        out.byte(UInt8(ascii: "-"))
        digits(d, 2, &out)
        out.byte(UInt8(ascii: "T"))
        digits(secs / 3600, 2, &out)
        out.byte(UInt8(ascii: ":"))
        digits(secs / 60 % 60, 2, &out)
        out.byte(UInt8(ascii: ":"))
        digits(secs % 60, 2, &out)
        if micros != 0 {
            out.byte(UInt8(ascii: "."))
            var width = 6, value = micros
            while value % 10 == 0 {
                value /= 10
                width -= 1
            }
            digits(value, width, &out)
        }
        if let m = t.utcOffsetMinutes {
            if m == 0 {
                out.byte(UInt8(ascii: "Z"))
            } else {
                out.byte(m < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                let a = abs(Int(m))
                digits(a / 60, 2, &out)
                out.byte(UInt8(ascii: ":"))
                digits(a % 60, 2, &out)
            }
        }
    }

    @inline(__always)
    private static func digits(_ value: Int, _ width: Int, _ out: inout CSVOutputBuffer) {
        if value < 0 {
            out.byte(UInt8(ascii: "-"))
            digits(-value, width, &out)
            return
        }
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor * 10 <= value { divisor *= 10 }
        while divisor > 0 {
            out.byte(UInt8(48 + (value / divisor) % 10))
            divisor /= 10
        }
    }
}
