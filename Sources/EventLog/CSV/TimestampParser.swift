/// Parses timestamp text (as bytes) into ``Timestamp`` under a ``CSVTimestampFormat``, without Foundation.
struct TimestampParser: Sendable {
    private enum Token: Sendable {
        case year, month, day, hour, minute, second, fraction, offset
        case literal(UInt8)
    }

    let format: CSVTimestampFormat
    private let tokens: [Token]

    init(_ format: CSVTimestampFormat) {
        self.format = format
        if case .pattern(let pattern) = format { tokens = TimestampParser.compile(pattern) } else { tokens = [] }
    }

    func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        let text = TimestampParser.trimmed(bytes)
        guard !text.isEmpty else { return nil }
        switch format {
        case .automatic:
            if let t = TimestampParser.iso(text) { return t }
            guard let value = TimestampParser.decimal(text) else { return nil }
            return TimestampParser.epoch(value, unit: abs(value) < 1e11 ? 1_000_000 : 1_000)
        case .iso8601: return TimestampParser.iso(text)
        case .epochSeconds: return TimestampParser.decimal(text).flatMap { TimestampParser.epoch($0, unit: 1_000_000) }
        case .epochMilliseconds: return TimestampParser.decimal(text).flatMap { TimestampParser.epoch($0, unit: 1_000) }
        case .pattern: return matchPattern(text)
        }
    }

    // MARK: ISO 8601

    /// `yyyy-MM-dd[( |T)HH:mm[:ss[.f…]]][Z|±hh[:mm]|±hhmm]`.
    static func iso(_ s: UnsafeRawBufferPointer) -> Timestamp? {
        var i = 0
        guard let year = digits(s, &i, exactly: 4), expect(s, &i, "-"),
              let month = digits(s, &i, exactly: 2), expect(s, &i, "-"),
              let day = digits(s, &i, exactly: 2) else { return nil }
        var hour = 0, minute = 0, second = 0, micros: Int64 = 0
        if i < s.count, s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " ") {
            i += 1
            guard let h = digits(s, &i, exactly: 2), expect(s, &i, ":"), let m = digits(s, &i, exactly: 2) else { return nil }
            hour = h
            minute = m
            if i < s.count, s[i] == UInt8(ascii: ":") {
                i += 1
                guard let sec = digits(s, &i, exactly: 2) else { return nil }
                second = sec
                if i < s.count, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ",") {
                    i += 1
                    guard let f = fraction(s, &i) else { return nil }
                    micros = f
                }
            }
        }
        var offset: Int16?
        if i < s.count {
            guard let o = parseOffset(s, &i), i == s.count else { return nil }
            offset = o
        }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                    micros: micros, offset: offset)
    }

    // MARK: Explicit pattern

    private static func compile(_ pattern: String) -> [Token] {
        let chars = Array(pattern.utf8)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            var run = 1
            while i + run < chars.count, chars[i + run] == c { run += 1 }
            switch c {
            case UInt8(ascii: "y"): tokens.append(.year)
            case UInt8(ascii: "M"): tokens.append(.month)
            case UInt8(ascii: "d"): tokens.append(.day)
            case UInt8(ascii: "H"): tokens.append(.hour)
            case UInt8(ascii: "m"): tokens.append(.minute)
            case UInt8(ascii: "s"): tokens.append(.second)
            case UInt8(ascii: "S"): tokens.append(.fraction)
            case UInt8(ascii: "X"), UInt8(ascii: "Z"): tokens.append(.offset)
            case UInt8(ascii: "'"):
                var j = i + 1
                while j < chars.count, chars[j] != UInt8(ascii: "'") {
                    tokens.append(.literal(chars[j]))
                    j += 1
                }
                i = j + 1
                continue
            default:
                for _ in 0..<run { tokens.append(.literal(c)) }
            }
            i += run
        }
        return tokens
    }

    private func matchPattern(_ s: UnsafeRawBufferPointer) -> Timestamp? {
        var i = 0
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var micros: Int64 = 0
        var offset: Int16?
        for token in tokens {
            switch token {
            case .year: guard let v = Self.digits(s, &i, min: 4, max: 4) else { return nil }; year = v
            case .month: guard let v = Self.digits(s, &i, min: 1, max: 2) else { return nil }; month = v
            case .day: guard let v = Self.digits(s, &i, min: 1, max: 2) else { return nil }; day = v
            case .hour: guard let v = Self.digits(s, &i, min: 1, max: 2) else { return nil }; hour = v
            case .minute: guard let v = Self.digits(s, &i, min: 1, max: 2) else { return nil }; minute = v
            case .second: guard let v = Self.digits(s, &i, min: 1, max: 2) else { return nil }; second = v
            case .fraction: guard let v = Self.fraction(s, &i) else { return nil }; micros = v
            case .offset: guard let v = Self.parseOffset(s, &i) else { return nil }; offset = v
            case .literal(let c): guard i < s.count, s[i] == c else { return nil }; i += 1
            }
        }
        guard i == s.count else { return nil }
        return Self.make(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                         micros: micros, offset: offset)
    }

    // MARK: Pieces

    private static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                             micros: Int64, offset: Int16?) -> Timestamp? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour <= 24, minute <= 59, second <= 60 else { return nil }
        if hour == 24, minute != 0 || second != 0 || micros != 0 { return nil }
        let days = ISO8601Formatting.daysFromCivil(year: year, month: month, day: day)
        let local = ((days * 24 + Int64(hour)) * 60 + Int64(minute)) * 60 + Int64(second)
        let utc = local - Int64(offset ?? 0) * 60
        return Timestamp(microseconds: utc * 1_000_000 + micros, utcOffsetMinutes: offset)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func epoch(_ value: Double, unit: Double) -> Timestamp? {
        let micros = value * unit
        guard micros.isFinite, abs(micros) < 9.2e18 else { return nil }
        return Timestamp(microseconds: Int64(micros), utcOffsetMinutes: nil)
    }

    /// A plain decimal number (`-12`, `1700000000.25`); no exponent.
    private static func decimal(_ s: UnsafeRawBufferPointer) -> Double? {
        var i = 0
        var negative = false
        if i < s.count, s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+") {
            negative = s[i] == UInt8(ascii: "-")
            i += 1
        }
        var integer: Double = 0
        var digitCount = 0
        while i < s.count, let d = digit(s[i]) {
            integer = integer * 10 + Double(d)
            digitCount += 1
            i += 1
        }
        var scale: Double = 1
        var fractional: Double = 0
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            while i < s.count, let d = digit(s[i]) {
                fractional = fractional * 10 + Double(d)
                scale *= 10
                digitCount += 1
                i += 1
            }
        }
        guard digitCount > 0, i == s.count else { return nil }
        let value = integer + fractional / scale
        return negative ? -value : value
    }

    /// `Z`, `±hh:mm`, `±hhmm` or `±hh`, in minutes.
    private static func parseOffset(_ s: UnsafeRawBufferPointer, _ i: inout Int) -> Int16? {
        guard i < s.count else { return nil }
        if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
            i += 1
            return 0
        }
        guard s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int16 = s[i] == UInt8(ascii: "-") ? -1 : 1
        i += 1
        guard let hours = digits(s, &i, exactly: 2) else { return nil }
        var minutes = 0
        if i < s.count {
            if s[i] == UInt8(ascii: ":") { i += 1 }
            guard let m = digits(s, &i, exactly: 2) else { return nil }
            minutes = m
        }
        guard hours <= 18, minutes < 60 else { return nil }
        return sign * Int16(hours * 60 + minutes)
    }

    /// Fractional-second digits (at least one; beyond six are truncated) as microseconds.
    private static func fraction(_ s: UnsafeRawBufferPointer, _ i: inout Int) -> Int64? {
        var micros: Int64 = 0
        var count = 0
        while i < s.count, let d = digit(s[i]) {
            if count < 6 { micros = micros * 10 + Int64(d) }
            count += 1
            i += 1
        }
        guard count > 0 else { return nil }
        for _ in count ..< max(count, 6) { micros *= 10 }
        return micros
    }

    private static func digits(_ s: UnsafeRawBufferPointer, _ i: inout Int, exactly n: Int) -> Int? {
        digits(s, &i, min: n, max: n)
    }

    private static func digits(_ s: UnsafeRawBufferPointer, _ i: inout Int, min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while count < max, i < s.count, let d = digit(s[i]) {
            value = value * 10 + d
            count += 1
            i += 1
        }
        return count >= min ? value : nil
    }

    @inline(__always)
    private static func digit(_ b: UInt8) -> Int? {
        b >= 48 && b <= 57 ? Int(b - 48) : nil
    }

    private static func expect(_ s: UnsafeRawBufferPointer, _ i: inout Int, _ c: Unicode.Scalar) -> Bool {
        guard i < s.count, s[i] == UInt8(ascii: c) else { return false }
        i += 1
        return true
    }

    static func trimmed(_ s: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0, end = s.count
        while start < end, s[start] == 0x20 || s[start] == 0x09 { start += 1 }
        while end > start, s[end - 1] == 0x20 || s[end - 1] == 0x09 { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: s[start ..< end])
    }
}
