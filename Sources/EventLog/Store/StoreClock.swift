#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall clock stores stamp records with, in UTC microseconds since 1970 (no Foundation `Date`).
public enum StoreClock {
    /// Now, in UTC microseconds.
    @Sendable
    public static func nowMicroseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1_000
    }
}
