extension ConnectorPage {
    /// The stream a connector returns from `pages`: `produce` runs in a task that yields pages; the stream
    /// ends when it returns, fails with what it throws, and cancelling the consumer cancels the task.
    static func stream(
        _ produce: @escaping @Sendable (AsyncThrowingStream<ConnectorPage, any Error>.Continuation) async throws -> Void
    ) -> AsyncThrowingStream<ConnectorPage, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await produce(continuation)
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
