import Foundation

/// The one JSON rendering of every report Tracewise prints or serves: sorted keys, pretty-printed, slashes
/// unescaped, one trailing newline. `tracewise … --format json` and the service's result routes both use it,
/// so the same report is the same bytes wherever it is read.
///
/// ```swift
/// let bytes = try ReportJSON.encode(StatisticsSummary(LogStatistics(log)))
/// ```
public enum ReportJSON {
    /// The encoded value followed by a newline.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
