extension HTTPBody {
    /// The body decoded as server-sent events, as they complete.
    public func serverSentEvents() -> AsyncThrowingStream<ServerSentEvent, any Error> {
        let body = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var decoder = SSEDecoder()
                    for try await chunk in body {
                        for event in try decoder.feed(chunk) { continuation.yield(event) }
                    }
                    for event in decoder.finish() { continuation.yield(event) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The body decoded as newline-delimited JSON records (bytes of one JSON text each), as they complete.
    public func ndjsonRecords() -> AsyncThrowingStream<[UInt8], any Error> {
        let body = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var decoder = NDJSONDecoder()
                    for try await chunk in body {
                        for record in try decoder.feed(chunk) { continuation.yield(record) }
                    }
                    if let last = decoder.finish() { continuation.yield(last) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
