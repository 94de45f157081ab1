#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses XES attribute values (`int`, `float`, `boolean`, `date`) straight from UTF-8 bytes.
///
/// Every function returns nil for text that is not a valid value of its type, so callers can report the
/// problem with its position; none of them allocates.
package enum XESValueParsing {
    /// An `xs:long`: optional sign and decimal digits, surrounding whitespace allowed.
    package static func int(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var (i, end) = trimmed(bytes)
        guard i < end else { return nil }
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < end else { return nil }
        var value: Int64 = 0
        while i < end {
            let d = bytes[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            value = s
            i += 1
        }
        return value
    }

    /// An `xs:double`: decimal with optional exponent, or `INF`, `-INF`, `NaN` (and Java's `Infinity`).
    package static func float(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var (i, end) = trimmed(bytes)
        guard i < end, end - i < 96 else { return nil }
        let start = i
        if let special = specialFloat(bytes, start, end) { return special }
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
        var digits = 0
        while i < end, bytes[i] &- 48 < 10 { i += 1; digits += 1 }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, bytes[i] &- 48 < 10 { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            var exponentDigits = 0
            while i < end, bytes[i] &- 48 < 10 { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == end else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 100) { text in
            var n = 0
            for j in start ..< end {
                text[n] = CChar(bitPattern: bytes[j])
                n += 1
            }
            text[n] = 0
            return strtod(text.baseAddress!, nil)
        }
    }

    /// An `xs:boolean`: `true`, `false`, `1`, `0` (letters in any case).
    package static func boolean(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        let (i, end) = trimmed(bytes)
        switch end - i {
        case 1:
            if bytes[i] == UInt8(ascii: "1") { return true }
            if bytes[i] == UInt8(ascii: "0") { return false }
        case 4:
            if matchesLowercased(bytes, i, "true") { return true }
        case 5:
            if matchesLowercased(bytes, i, "false") { return false }
        default:
            break
        }
        return nil
    }

    /// An ISO 8601 date-time `yyyy-MM-ddTHH:mm[:ss[.f…]]` (a space may stand for `T`) or a date
    /// `yyyy-MM-dd`, with an optional `Z`, `±hh:mm`, `±hhmm` or `±hh` offset. Up to 9 fractional digits
    /// are read; digits beyond microseconds are truncated.
    package static func date(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        var (i, end) = trimmed(bytes)
        func number(_ width: Int) -> Int? {
            guard i + width <= end else { return nil }
            var v = 0
            for k in 0 ..< width {
                let d = bytes[i + k] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            i += width
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < end, bytes[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2),
              (1 ... 12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var seconds = 0
        var micros = 0
        if i < end, bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: " ") {
            i += 1
            guard let hour = number(2), expect(0x3A), let minute = number(2), hour <= 24, minute <= 59 else { return nil }
            var second = 0
            if i < end, bytes[i] == UInt8(ascii: ":") {
                i += 1
                guard let s = number(2), s <= 60 else { return nil }
                second = s
                if i < end, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    var digits = 0
                    while i < end, bytes[i] &- 48 < 10 {
                        if digits < 6 { micros = micros * 10 + Int(bytes[i] &- 48) }
                        digits += 1
                        i += 1
                    }
                    guard digits >= 1, digits <= 9 else { return nil }
                    for _ in digits ..< max(digits, 6) { micros *= 10 }
                }
            }
            guard hour < 24 || (minute == 0 && second == 0 && micros == 0) else { return nil }
            seconds = hour * 3600 + minute * 60 + second
        }
        var offset: Int16?
        if i < end {
            if bytes[i] == UInt8(ascii: "Z") || bytes[i] == UInt8(ascii: "z") {
                offset = 0
                i += 1
            } else if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                let sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let hh = number(2), hh <= 18 else { return nil }
                var mm = 0
                if i < end {
                    if bytes[i] == UInt8(ascii: ":") { i += 1 }
                    guard let m = number(2), m <= 59 else { return nil }
                    mm = m
                }
                offset = Int16(sign * (hh * 60 + mm))
            }
        }
        guard i == end else { return nil }
        let days = ISO8601Formatting.daysFromCivil(year: year, month: month, day: day)
        let local = days * 86_400_000_000 + Int64(seconds) * 1_000_000 + Int64(micros)
        return Timestamp(microseconds: local - Int64(offset ?? 0) * 60_000_000, utcOffsetMinutes: offset)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func trimmed(_ bytes: UnsafeRawBufferPointer) -> (Int, Int) {
        var i = 0
        var end = bytes.count
        while i < end, isSpace(bytes[i]) { i += 1 }
        while end > i, isSpace(bytes[end - 1]) { end -= 1 }
        return (i, end)
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    private static func matchesLowercased(_ bytes: UnsafeRawBufferPointer, _ at: Int, _ word: StaticString) -> Bool {
        let w = UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard at + w.count <= bytes.count else { return false }
        for k in 0 ..< w.count where bytes[at + k] | 0x20 != w[k] { return false }
        return true
    }

    private static func specialFloat(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var sign = 1.0
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            if bytes[i] == UInt8(ascii: "-") { sign = -1 }
            i += 1
        }
        switch end - i {
        case 3 where matchesLowercased(bytes, i, "inf"): return sign * .infinity
        case 8 where matchesLowercased(bytes, i, "infinity"): return sign * .infinity
        case 3 where matchesLowercased(bytes, i, "nan") && i == start: return .nan
        default: return nil
        }
    }
}
