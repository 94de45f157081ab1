import EventLog
import Foundation

/// Writes Encodable values to stdout as ``ReportJSON`` (sorted keys, pretty-printed, one trailing newline), the
/// format every `--format json` uses and the service's result routes serve; the time spent counts as output
/// for `--timings`.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        try PhaseTimings.shared.measureOutput {
            FileHandle.standardOutput.write(try ReportJSON.encode(value))
        }
    }
}
