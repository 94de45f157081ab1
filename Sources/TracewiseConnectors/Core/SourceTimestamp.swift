import EventLog

/// The timestamp forms business systems send: ISO 8601 in its variants (parsed by EventLog, as CSV
/// import does) and Microsoft JSON dates (`/Date(1539993600000+0000)/`, Xero).
public enum SourceTimestamp {
    /// Microseconds since the epoch (UTC), or nil when `text` is in no supported form.
    public static func microseconds(_ text: String) -> Int64? {
        if text.hasPrefix("/Date(") { return msJSON(text) }
        return Timestamp(iso8601: text)?.microseconds
    }

    /// `2025-01-31T23:59:59Z`, with a fraction only when there are sub-second digits.
    public static func iso8601(_ microseconds: Int64) -> String {
        ISO8601Formatting.format(Timestamp(microseconds: microseconds, utcOffsetMinutes: 0))
    }

    /// `/Date(ms)/` or `/Date(ms±hhmm)/`: the number is UTC milliseconds; the offset is informational.
    private static func msJSON(_ text: String) -> Int64? {
        guard text.hasSuffix(")/") else { return nil }
        var body = text.dropFirst(6).dropLast(2)
        if let sign = body.dropFirst().firstIndex(where: { $0 == "+" || $0 == "-" }) {
            let offset = body[sign...].dropFirst()
            guard offset.count == 4, offset.allSatisfy(\.isASCII), Int(offset) != nil else { return nil }
            body = body[..<sign]
        }
        guard let millis = Int64(body), abs(millis) < 253_402_300_800_000 else { return nil }
        return millis * 1000
    }
}
