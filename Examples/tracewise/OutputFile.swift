import Foundation
import Synchronization

/// Writes command output files atomically: into a temporary file beside the target, renamed over it when
/// complete, so an error, a cancellation or Ctrl-C never leaves a partial file at the target path. Failures
/// become ``CLIError/failed(_:)`` (exit code 1); a cancelled run writes nothing.
enum OutputFile {
    /// Temporary files being written, removed by ``abandonAndExit(_:)``.
    private static let pending = Mutex<Set<String>>([])

    static func write(_ text: String, to path: String) throws {
        try replace(path) { url in try Data(text.utf8).write(to: url) }
    }

    /// Calls `write` with a temporary URL beside `path`, then moves the result to `path`.
    static func replace(_ path: String, _ write: (URL) throws -> Void) throws {
        try Task.checkCancellation()
        let target = URL(fileURLWithPath: path)
        // Same directory (rename is atomic there), same suffix (writers choose the format by extension).
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".tracewise-partial-\(getpid())-\(UInt32.random(in: 0 ... .max))-\(target.lastPathComponent)")
        pending.withLock { _ = $0.insert(temporary.path) }
        defer {
            pending.withLock { _ = $0.remove(temporary.path) }
            try? FileManager.default.removeItem(at: temporary)
        }
        do {
            try PhaseTimings.shared.measureOutput {
                try write(temporary)
                try Task.checkCancellation()
                guard rename(temporary.path, target.path) == 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
                }
            }
        } catch let cancellation as CancellationError {
            throw cancellation
        } catch {
            throw CLIError.failed("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Removes the temporary files still being written and ends the process with `status`.
    static func abandonAndExit(_ status: Int32) -> Never {
        for path in pending.withLock({ $0 }) { unlink(path) }
        exit(status)
    }
}
