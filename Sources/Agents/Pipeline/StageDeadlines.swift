import Synchronization

/// Cuts off pipeline stages that overrun their budget: one watcher task per pipeline instead of a timer per stage.
///
/// A stage that can suspend runs as its own task; ``watch(_:)`` records its deadline (now + the budget) and how to
/// cancel it, ``release(_:)`` forgets it when it stopped and says whether the deadline passed first. While any stage
/// is watched, one watcher task sleeps until the earliest deadline, cancels every stage whose deadline passed, and
/// sleeps again; it ends when nothing is left to watch. Every stage of a pipeline has the same budget, so deadlines
/// arrive in order and, under a steady load, the watcher wakes about once per budget however many stages run — a
/// timer per stage (`Task.sleep` racing each one) cost a dispatch timer, a second child task and a cancellation
/// for every stage of every exception.
final class StageDeadlines: Sendable {
    /// A watched stage, for ``release(_:)``.
    struct Ticket: Sendable {
        fileprivate let id: UInt64
    }

    private struct Watched {
        let deadline: ContinuousClock.Instant
        let cancel: @Sendable () -> Void
    }

    private struct State {
        var watched: [UInt64: Watched] = [:]
        /// Stages the watcher cancelled and that were not released yet.
        var overran: Set<UInt64> = []
        var nextID: UInt64 = 0
        var watcherRunning = false
    }

    let budget: Duration
    private let state = Mutex(State())

    init(budget: Duration) {
        self.budget = budget
    }

    /// Watches `task` from now on: it is cancelled when `budget` passes before ``release(_:)``.
    func watch<Success: Sendable>(_ task: Task<Success, any Error>) -> Ticket {
        let deadline = ContinuousClock.now.advanced(by: budget)
        let (ticket, startWatcher) = state.withLock { state in
            let id = state.nextID
            state.nextID &+= 1
            state.watched[id] = Watched(deadline: deadline, cancel: { task.cancel() })
            let start = !state.watcherRunning
            state.watcherRunning = true
            return (Ticket(id: id), start)
        }
        if startWatcher { Task.detached { [self] in await cutOffOverrunningStages() } }
        return ticket
    }

    /// Stops watching a stage that stopped. - Returns: true when its deadline passed first (the watcher cancelled it).
    func release(_ ticket: Ticket) -> Bool {
        state.withLock { state in
            state.watched[ticket.id] = nil
            return state.overran.remove(ticket.id) != nil
        }
    }

    /// The watcher: cancels the stages whose deadline passed, sleeps until the next deadline, ends when none is left.
    private func cutOffOverrunningStages() async {
        while true {
            let now = ContinuousClock.now
            let (due, next) = state.withLock { state -> ([@Sendable () -> Void], ContinuousClock.Instant?) in
                var due: [@Sendable () -> Void] = []
                var next: ContinuousClock.Instant?
                for (id, watched) in state.watched {
                    if watched.deadline <= now {
                        due.append(watched.cancel)
                        state.overran.insert(id)
                    } else if next.map({ watched.deadline < $0 }) ?? true {
                        next = watched.deadline
                    }
                }
                if !due.isEmpty { state.watched = state.watched.filter { $0.value.deadline > now } }
                if next == nil { state.watcherRunning = false }
                return (due, next)
            }
            for cancel in due { cancel() }
            guard let next else { return }
            try? await Task.sleep(until: next, clock: .continuous)
        }
    }
}
