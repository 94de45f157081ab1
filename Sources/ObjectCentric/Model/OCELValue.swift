import EventLog

/// The typed value of one event or object attribute in an object-centric log.
///
/// OCEL 2.0 declares one type per attribute (`string`, `integer`, `float`, `boolean`, `time`); readers
/// parse values into that type, so equality and ordering follow the declared type, not the text.
public enum OCELValue: Hashable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    /// Microseconds since 1970-01-01T00:00:00Z.
    case time(Int64)

    /// The value as text in the form the OCEL 2.0 formats write it (times as ISO 8601 in UTC).
    public var text: String {
        switch self {
        case .string(let s): s
        case .integer(let i): String(i)
        case .float(let d): String(d)
        case .boolean(let b): b ? "true" : "false"
        case .time(let t): ISO8601Formatting.format(Timestamp(microseconds: t, utcOffsetMinutes: 0))
        }
    }

    /// The declared type this value belongs to.
    public var type: OCELAttributeType {
        switch self {
        case .string: .string
        case .integer: .integer
        case .float: .float
        case .boolean: .boolean
        case .time: .time
        }
    }

    /// Parses `text` as a value of `type`; nil when the text is not a valid value of that type.
    public static func parse(_ text: String, as type: OCELAttributeType) -> OCELValue? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0), as: type) }
    }

    /// Parses UTF-8 bytes as a value of `type` without intermediate strings for numbers and times.
    static func parse(_ bytes: UnsafeRawBufferPointer, as type: OCELAttributeType) -> OCELValue? {
        switch type {
        case .string: return .string(String(decoding: bytes, as: UTF8.self))
        case .integer:
            if let i = XESValueParsing.int(bytes) { return .integer(i) }
            // Integers written as floats with a zero fraction (`3.0`) are still integers.
            if let d = XESValueParsing.float(bytes), d.rounded() == d, abs(d) < 9.0e18 { return .integer(Int64(d)) }
            return nil
        case .float: return XESValueParsing.float(bytes).map(OCELValue.float)
        case .boolean: return XESValueParsing.boolean(bytes).map(OCELValue.boolean)
        case .time: return OCELTime.parse(bytes).map(OCELValue.time)
        }
    }
}
