import Foundation
import Synchronization

/// Wall-clock time per phase of one `tracewise` run, printed by `--timings` as one JSON line on stderr:
/// `{"timings":{"import":s,"compute":s,"output":s}}`.
///
/// Reading a log (``LogOptions``) counts as import, writing JSON or output files as output; compute is the rest
/// of the run. Only the phases' sum is measured directly, so the three add up to the whole run.
final class PhaseTimings: Sendable {
    /// The run's timings (one process, one run).
    static let shared = PhaseTimings()

    private struct State {
        var started = ContinuousClock.now
        var importDuration = Duration.zero
        var outputDuration = Duration.zero
        var requested = false
    }

    private let state = Mutex(State())

    /// Starts the run's clock.
    func start() {
        state.withLock { $0.started = .now }
    }

    /// Asks for the timings line at the end of the run.
    func request() {
        state.withLock { $0.requested = true }
    }

    /// Runs `body`, counting its time as import.
    func measureImport<T>(_ body: () throws -> T) rethrows -> T {
        let begin = ContinuousClock.now
        defer { let spent = ContinuousClock.now - begin; state.withLock { $0.importDuration += spent } }
        return try body()
    }

    /// Runs `body` (reading from a store), counting its time as import.
    func measureImport<T>(_ body: () async throws -> T) async rethrows -> T {
        let begin = ContinuousClock.now
        defer { let spent = ContinuousClock.now - begin; state.withLock { $0.importDuration += spent } }
        return try await body()
    }

    /// Runs `body`, counting its time as output.
    func measureOutput<T>(_ body: () throws -> T) rethrows -> T {
        let begin = ContinuousClock.now
        defer { let spent = ContinuousClock.now - begin; state.withLock { $0.outputDuration += spent } }
        return try body()
    }

    /// The JSON line, or nil when `--timings` was not given.
    func line() -> String? {
        state.withLock { s -> String? in
            guard s.requested else { return nil }
            let total = ContinuousClock.now - s.started
            let compute = max(.zero, total - s.importDuration - s.outputDuration)
            func seconds(_ d: Duration) -> String {
                let value = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
                return String(format: "%.6f", value)
            }
            return #"{"timings":{"import":\#(seconds(s.importDuration)),"compute":\#(seconds(compute)),"output":\#(seconds(s.outputDuration))}}"#
        }
    }

    /// Prints the line on stderr when it was asked for.
    func report() {
        guard let line = line() else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
