/// How a CSV timestamp column is written.
///
/// ```swift
/// var options = CSVImportOptions()
/// options.timestampFormat = .pattern("dd/MM/yyyy HH:mm")
/// ```
public enum CSVTimestampFormat: Hashable, Sendable, Codable {
    /// ISO 8601 (`T` or space separator, optional seconds and 0–9 fractional digits, optional `Z` or
    /// `±hh:mm` / `±hhmm` / `±hh` offset, or a bare date), or an all-numeric epoch value: seconds when its
    /// magnitude is below 10^11, milliseconds otherwise.
    case automatic
    /// ISO 8601 / `yyyy-MM-dd HH:mm:ss[.fff][±hh:mm]` only.
    case iso8601
    /// Seconds since 1970-01-01 UTC, optionally with a fraction.
    case epochSeconds
    /// Milliseconds since 1970-01-01 UTC, optionally with a fraction.
    case epochMilliseconds
    /// An explicit pattern: `yyyy` year, `MM`/`M` month, `dd`/`d` day, `HH`/`H` hour, `mm` minute, `ss` second,
    /// `S…` fractional digits (any count), `XXX`/`Z` offset (`Z`, `±hh:mm`, `±hhmm`), `'…'` quoted literal text;
    /// every other character must match itself.
    case pattern(String)

    /// A short name for provenance and messages.
    public var name: String {
        switch self {
        case .automatic: "automatic"
        case .iso8601: "iso8601"
        case .epochSeconds: "epochSeconds"
        case .epochMilliseconds: "epochMilliseconds"
        case .pattern(let p): "pattern:" + p
        }
    }
}
