/// Whether the task that entered ``whileRunning(_:)`` has been cancelled, readable from the worker threads of
/// a synchronous parallel loop it runs: those threads belong to no task, so `Task.isCancelled` is false there.
///
/// ```swift
/// try TaskCancellation.whileRunning { cancellation in
///     ConcurrentWork.forEach(n) { i in if !cancellation.isCancelled { work(i) } }
/// }
/// try Task.checkCancellation()
/// ```
package struct TaskCancellation: @unchecked Sendable {
    /// Valid only inside `whileRunning`, which is the only place a value is made and used.
    private let task: UnsafeCurrentTask?

    /// True once the task has been cancelled; always false when the work runs outside any task.
    package var isCancelled: Bool { task?.isCancelled ?? false }

    /// Runs `body` with the current task's cancellation state.
    package static func whileRunning<T>(_ body: (TaskCancellation) throws -> T) rethrows -> T {
        try withUnsafeCurrentTask { task in try body(TaskCancellation(task: task)) }
    }
}
