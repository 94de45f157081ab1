import Dispatch
import Foundation

/// Ctrl-C (SIGINT) handling: the running command's task is cancelled, so the library's long loops stop and the
/// command ends with exit code 130 without writing its output file. Work that does not check for cancellation
/// is given two seconds; then the process leaves with a "forced exit" line (removing any output file still being
/// written), and a second Ctrl-C leaves at once.
enum Interruption {
    /// The exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it.
    static let exitStatus: Int32 = 130

    /// Cancels `task` on SIGINT for as long as the returned source is kept alive.
    static func cancelOnInterrupt(_ task: Task<Void, any Error>) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let interrupted = UnsafeFlag()
        source.setEventHandler {
            ProgressDisplay.shared.stop()
            if interrupted.testAndSet() { OutputFile.abandonAndExit(exitStatus) }
            FileHandle.standardError.write(Data("\ncancelled\n".utf8))
            task.cancel()
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                FileHandle.standardError.write(Data("forced exit: the command did not stop within 2 s\n".utf8))
                OutputFile.abandonAndExit(exitStatus)
            }
        }
        source.resume()
        return source
    }

    /// A flag set once, read from the signal queue only.
    private final class UnsafeFlag: @unchecked Sendable {
        private var value = false
        func testAndSet() -> Bool {
            defer { value = true }
            return value
        }
    }
}
