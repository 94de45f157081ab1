/// Wakes this process's idle job-worker loops when a request enqueues work, so a job starts at once instead of
/// at the next poll (jobs enqueued by other processes are found by polling).
actor JobSignal {
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Wakes every waiting loop.
    func signal() {
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }

    /// Waits until ``signal()`` is called or `timeout` passes.
    func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: timeout) }
            group.addTask { await self.enqueue() }
            await group.next()
            group.cancelAll()
            self.signal()
        }
    }

    private func enqueue() async {
        await withCheckedContinuation { waiters.append($0) }
    }
}
