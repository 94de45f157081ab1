/// Time inside Agents has two shapes: instants are UTC microseconds since 1970 (`Int64`, from
/// `StoreClock.nowMicroseconds`, as the stores and event logs keep them) and spans are `Duration` (measured on
/// `ContinuousClock`). The JSON contracts carry seconds as numbers and ISO 8601 texts; these conversions are
/// where the two meet, used only when encoding and decoding.
extension Duration {
    /// The duration in whole microseconds (rounded down), as queues store times.
    public var wholeMicroseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// The duration in whole nanoseconds (rounded down), as swift-metrics timers take it.
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// This duration in seconds, for the JSON and APIs that carry seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// Converts between the library's instants (UTC microseconds) and the seconds the JSON contracts carry.
enum EpochSeconds {
    /// `microseconds` since 1970 as seconds, for encoding.
    static func seconds(_ microseconds: Int64) -> Double { Double(microseconds) / 1_000_000 }

    /// Seconds since 1970 as whole microseconds (rounded to the nearest), for decoding.
    static func microseconds(_ seconds: Double) -> Int64 { Int64((seconds * 1_000_000).rounded()) }
}
