import Foundation

/// Reads the delay a server asks for before the next attempt, as the OpenAI and Anthropic SDKs do:
/// `retry-after-ms` (milliseconds, may be fractional) first, then `retry-after` as seconds or as an
/// HTTP date (RFC 9110 IMF-fixdate, also the obsolete RFC 850 and asctime forms).
///
/// ```swift
/// RetryAfter.delay(in: response.headers, now: Date())   // .milliseconds(1500) for "retry-after-ms: 1500"
/// ```
public enum RetryAfter {
    /// The requested delay, or nil when the headers ask for none or cannot be read. Dates in the past
    /// give zero.
    public static func delay(in headers: HTTPFields, now: Date) -> Duration? {
        if let text = headers["retry-after-ms"], let ms = Double(text.trimmingCharacters(in: .whitespaces)),
           ms.isFinite, ms >= 0 {
            return .nanoseconds(Int64(ms * 1_000_000))
        }
        guard let text = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text), seconds.isFinite {
            return seconds >= 0 ? .nanoseconds(Int64(seconds * 1_000_000_000)) : nil
        }
        guard let date = httpDate(text) else { return nil }
        let seconds = max(0, date.timeIntervalSince(now))
        return .nanoseconds(Int64(seconds * 1_000_000_000))
    }

    /// Parses an HTTP date in any of the three forms RFC 9110 requires recipients to accept.
    public static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
