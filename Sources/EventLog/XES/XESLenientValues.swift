/// The coercions a lenient XES import applies to values strict mode rejects, each reported as an
/// ``ImportProblem`` with the value it kept. Only text that still means one value is coerced; anything
/// else is skipped.
///
/// | type | accepted in lenient mode | kept as |
/// |---|---|---|
/// | `int` | a decimal with an integral value (`0.0`, `1e3`) | that `int` |
/// | `int` | any other decimal (`2.5`) | a `float` |
/// | `float` | a decimal comma (`2,5`) | that `float` |
/// | `boolean` | `yes`/`no`, `y`/`n`, `on`/`off`, `t`/`f` (any case) | `true`/`false` |
/// | `date` | date and time digits with missing or odd separators (`2002-0530T09:30:10Z`, `20020530 093010`, `2002/05/30 09:30`) | that date |
/// | `string`, `id` | no `value` attribute | the empty text |
enum XESLenientValues {
    /// `text` (an invalid `int`) read as a number: an `int` when integral and in range, else a `float`.
    static func int(_ bytes: UnsafeRawBufferPointer) -> AttributeValue? {
        guard let v = XESValueParsing.float(bytes) ?? decimalComma(bytes), v.isFinite else { return nil }
        if v == v.rounded(), abs(v) < 9.2e18 { return .int(Int64(v)) }
        return .float(v)
    }

    /// A float written with a decimal comma (`2,5`).
    static func float(_ bytes: UnsafeRawBufferPointer) -> AttributeValue? {
        decimalComma(bytes).map(AttributeValue.float)
    }

    /// The common spellings of booleans beyond `xs:boolean`.
    static func boolean(_ bytes: UnsafeRawBufferPointer) -> AttributeValue? {
        let word = String(decoding: bytes, as: UTF8.self).trimmingSpaces.lowercased()
        switch word {
        case "yes", "y", "on", "t": return .boolean(true)
        case "no", "n", "off", "f": return .boolean(false)
        default: return nil
        }
    }

    /// A date whose digits are all there but whose separators are missing or unusual: the date part's
    /// digits read as `yyyyMMdd`, the time part's as `HHmm[ss]` with an optional fraction, then the offset.
    static func date(_ bytes: UnsafeRawBufferPointer) -> AttributeValue? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var dateDigits = ""
        while i < scalars.count, scalars[i] != "T", scalars[i] != "t", scalars[i] != " " {
            let s = scalars[i]
            if s.properties.numericType == .decimal, s.isASCII { dateDigits.unicodeScalars.append(s) }
            else if s != "-" && s != "/" && s != "." { return nil }
            i += 1
        }
        guard dateDigits.count == 8 else { return nil }
        var canonical = String(dateDigits.prefix(4)) + "-" + dateDigits.dropFirst(4).prefix(2) + "-" + dateDigits.suffix(2)
        if i < scalars.count {
            i += 1
            var timeDigits = ""
            var fraction = ""
            while i < scalars.count, scalars[i].isASCII, scalars[i].properties.numericType == .decimal || scalars[i] == ":" {
                if scalars[i] != ":" { timeDigits.unicodeScalars.append(scalars[i]) }
                i += 1
            }
            if i < scalars.count, scalars[i] == "." || scalars[i] == "," {
                i += 1
                while i < scalars.count, scalars[i].isASCII, scalars[i].properties.numericType == .decimal {
                    fraction.unicodeScalars.append(scalars[i])
                    i += 1
                }
            }
            guard timeDigits.count == 4 || timeDigits.count == 6 else { return nil }
            canonical += "T" + timeDigits.prefix(2) + ":" + timeDigits.dropFirst(2).prefix(2)
            if timeDigits.count == 6 { canonical += ":" + timeDigits.suffix(2) }
            if !fraction.isEmpty { canonical += (timeDigits.count == 6 ? "." : ":00.") + fraction }
            canonical += String(String.UnicodeScalarView(scalars[i...]))
        }
        var utf8 = canonical
        return utf8.withUTF8 { XESValueParsing.date(UnsafeRawBufferPointer($0)).map(AttributeValue.date) }
    }

    /// How a coerced value is shown in the report.
    static func display(_ value: AttributeValue) -> String {
        switch value {
        case .string(let s), .id(let s): "\(value.typeName) '\(s)'"
        case .date(let t): "date \(ISO8601Formatting.format(t))"
        default: "\(value.typeName) \(value.displayString)"
        }
    }

    private static func decimalComma(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard bytes.filter({ $0 == UInt8(ascii: ",") }).count == 1, !bytes.contains(UInt8(ascii: ".")) else { return nil }
        var dotted = bytes.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 }
        return dotted.withUnsafeMutableBytes { XESValueParsing.float(UnsafeRawBufferPointer($0)) }
    }
}

private extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
