import EventLog

/// Timestamp parsing and formatting for the OCEL formats, in microseconds since the Unix epoch (UTC).
///
/// Times without an offset are read as UTC, as PM4Py and rust4pm read them.
enum OCELTime {
    /// Parses ISO 8601 (`T` or space, optional fraction and offset) or a date alone.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        XESValueParsing.date(bytes)?.microseconds
    }

    static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// `yyyy-MM-ddTHH:mm:ss[.ffffff]Z`.
    static func format(_ microseconds: Int64) -> String {
        ISO8601Formatting.format(Timestamp(microseconds: microseconds, utcOffsetMinutes: 0))
    }
}
