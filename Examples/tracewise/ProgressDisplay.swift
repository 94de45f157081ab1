import EventLog
import Foundation
import Synchronization

/// Progress of long work on stderr, for a person watching a terminal: one line redrawn in place with the phase,
/// done/total, rate and ETA (`align  37%  1,620/4,366 variants  812/s  ETA 3 s`), at most ten times a second,
/// erased when the phase ends. Nothing at all is written when stderr is not a terminal, so scripts, pipes and
/// logs stay clean.
final class ProgressDisplay: Sendable {
    static let shared = ProgressDisplay(enabled: isatty(STDERR_FILENO) == 1)

    /// The handler to give the library: nil when stderr is not a terminal (the library then skips reporting).
    var handler: ProgressHandler? {
        guard enabled else { return nil }
        return { @Sendable [self] progress in show(progress) }
    }

    private struct State {
        var phase = ""
        var phaseStarted = ContinuousClock.now
        var lastDrawn: ContinuousClock.Instant?
        var lineShown = false
        var stopped = false
    }

    private let enabled: Bool
    private let state = Mutex(State())

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Erases the progress line (before an error message, or on Ctrl-C).
    func clear() {
        let erase = state.withLock { s -> Bool in
            defer { s.lineShown = false }
            return s.lineShown
        }
        if erase { write("\r\u{1B}[2K") }
    }

    /// Erases the progress line and draws no more (on Ctrl-C: work still finishing its step must not redraw
    /// the line under "cancelled").
    func stop() {
        let erase = state.withLock { s -> Bool in
            defer { s.lineShown = false; s.stopped = true }
            return s.lineShown
        }
        if erase { write("\r\u{1B}[2K") }
    }

    private func show(_ progress: WorkProgress) {
        let now = ContinuousClock.now
        let line = state.withLock { s -> String? in
            if s.stopped { return nil }
            if s.phase != progress.phase {
                s.phase = progress.phase
                s.phaseStarted = now
                s.lastDrawn = nil
            }
            let finished = progress.total.map { progress.completed >= $0 } ?? false
            if finished {
                defer { s.lineShown = false }
                return s.lineShown ? "" : nil
            }
            if let last = s.lastDrawn, now - last < .milliseconds(100) { return nil }
            s.lastDrawn = now
            s.lineShown = true
            return Self.line(progress, elapsed: now - s.phaseStarted)
        }
        guard let line else { return }
        write("\r\u{1B}[2K" + line)
    }

    /// `phase  pct%  done/total unit  rate/s  ETA t`; bytes are shown in MB.
    static func line(_ progress: WorkProgress, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let inMegabytes = progress.unit == "bytes"
        func amount(_ value: Int) -> String {
            inMegabytes ? String(format: "%.1f", Double(value) / 1_000_000) : value.formatted()
        }
        let unit = inMegabytes ? "MB" : progress.unit
        var parts = [progress.phase]
        if let fraction = progress.fraction { parts.append(String(format: "%3.0f%%", fraction * 100)) }
        parts.append(amount(progress.completed) + (progress.total.map { "/" + amount($0) } ?? "") + " " + unit)
        if seconds > 0.2, progress.completed > 0 {
            let rate = Double(progress.completed) / seconds
            parts.append((inMegabytes ? String(format: "%.1f", rate / 1_000_000) : Int(rate).formatted()) + " \(unit)/s")
            if let total = progress.total {
                parts.append("ETA " + Self.duration(Double(total - progress.completed) / rate))
            }
        }
        return parts.joined(separator: "  ")
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole < 60 ? "\(whole) s" : "\(whole / 60) min \(whole % 60) s"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
