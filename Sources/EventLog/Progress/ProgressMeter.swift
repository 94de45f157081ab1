import Foundation

/// Counts completed units of one operation and passes ``WorkProgress`` to a handler about a thousand times
/// over the operation (every `total / 1000` units, or every `step` units when the total is unknown) and once
/// at the end. Thread-safe: workers on several threads may advance the same meter; the handler is called
/// under the meter's lock, so reports arrive one at a time and in order.
///
/// Created only when there is a handler (`ProgressMeter(progress, …)` is nil otherwise), so an operation
/// nobody watches pays one optional check per unit.
package final class ProgressMeter: @unchecked Sendable {
    private let handler: ProgressHandler
    private let phase: String
    private let unit: String
    private let total: Int?
    private let step: Int
    private let lock = NSLock()
    private var completed = 0
    private var nextReport: Int

    package init?(_ handler: ProgressHandler?, phase: String, total: Int?, unit: String, step: Int? = nil) {
        guard let handler else { return nil }
        self.handler = handler
        self.phase = phase
        self.unit = unit
        self.total = total
        self.step = max(1, step ?? (total.map { $0 / 1000 } ?? 1))
        nextReport = self.step
        handler(WorkProgress(phase: phase, completed: 0, total: total, unit: unit))
    }

    /// Records `count` more units done.
    package func advance(by count: Int = 1) {
        lock.lock()
        defer { lock.unlock() }
        completed += count
        guard completed >= nextReport else { return }
        nextReport = completed + step
        handler(WorkProgress(phase: phase, completed: completed, total: total, unit: unit))
    }

    /// Reports the end of the operation (`completed == total` when the total is known).
    package func finish() {
        lock.lock()
        defer { lock.unlock() }
        handler(WorkProgress(phase: phase, completed: total ?? completed, total: total ?? completed, unit: unit))
    }
}
