/// Numbers and durations as text without Foundation's `String(format:)`: the one place the package decides
/// how a duration reads, for narratives and reports (``DurationStyle/words``) and for maps, charts and the
/// demo (``DurationStyle/abbreviated``).
///
/// ```swift
/// TextFormat.duration(seconds: 5 * 86_400, style: .words)      // "5.0 days"
/// TextFormat.duration(seconds: 5400, style: .abbreviated)       // "1.5 h"
/// ```
package enum TextFormat {
    /// How a duration is written.
    package enum DurationStyle: Sendable {
        /// `4.2 days` (from 2 days), `5.1 hours` (from 1 hour), else `12 minutes`: one decimal, none for minutes.
        case words
        /// `45 s`, `12.5 min`, `3.5 h`, `2.1 d`: the largest unit that keeps the value at least 1, at most one
        /// decimal, trailing zeros dropped.
        case abbreviated
    }

    /// `seconds` as a duration in `style`.
    package static func duration(seconds: Double, style: DurationStyle) -> String {
        switch style {
        case .words:
            if seconds >= 2 * 86_400 { return fixed(seconds / 86_400, decimals: 1) + " days" }
            if seconds >= 3600 { return fixed(seconds / 3600, decimals: 1) + " hours" }
            return fixed(seconds / 60, decimals: 0) + " minutes"
        case .abbreviated:
            switch seconds {
            case ..<60: return trimmed(seconds, digits: 0) + " s"
            case ..<3600: return trimmed(seconds / 60, digits: 1) + " min"
            case ..<86_400: return trimmed(seconds / 3600, digits: 1) + " h"
            default: return trimmed(seconds / 86_400, digits: 1) + " d"
            }
        }
    }

    /// `value` rounded half away from zero to `decimals` digits, without exponent or grouping (`0` when not
    /// finite): `fixed(2.25, decimals: 1)` is `2.3`, `fixed(2, decimals: 2)` is `2.00`.
    package static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        let whole = (scaled / scale).rounded(.down)
        let fraction = Int64(scaled - whole * scale)
        var text = sign + String(Int64(whole))
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return text
    }

    /// `value` with at most `digits` (0…3) decimals and no trailing zeros (`0` when not finite):
    /// `trimmed(2.50, digits: 1)` is `2.5`, `trimmed(3.0, digits: 1)` is `3`.
    package static func trimmed(_ value: Double, digits: Int = 1) -> String {
        guard value.isFinite else { return "0" }
        let scale = Double([1, 10, 100, 1000][min(3, max(0, digits))])
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
