import EventLog

/// What a miner's long loop reports to and checks at every step: a progress meter, and the task's cancellation.
///
/// Generic over the failure so that one loop serves both entry points of a miner: the plain `discover(from:)`
/// runs with `MiningMonitor<Never>` (nothing to check, nothing to throw, no `try` at its call sites), the
/// `discover(from:progress:)` overloads with `MiningMonitor<CancellationError>`.
struct MiningMonitor<Failure: Error> {
    let meter: ProgressMeter?
    private let check: () throws(Failure) -> Void

    /// Called once per step, before its work: throws when the run must stop.
    func step() throws(Failure) {
        try check()
    }
}

extension MiningMonitor where Failure == Never {
    /// A run nobody watches and nothing cancels.
    static var unwatched: MiningMonitor<Never> { MiningMonitor(meter: nil, check: {}) }
}

extension MiningMonitor where Failure == CancellationError {
    /// A run that reports `total` units of `unit` to `progress` and stops with `CancellationError` once its task
    /// is cancelled.
    init(progress: ProgressHandler?, phase: String, total: Int, unit: String) {
        self.init(meter: ProgressMeter(progress, phase: phase, total: total, unit: unit),
                  check: { () throws(CancellationError) in if Task.isCancelled { throw CancellationError() } })
    }
}
