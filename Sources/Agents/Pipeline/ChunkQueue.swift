import Foundation

/// Hands out consecutive index ranges of a batch to the pipeline's worker tasks, each range once.
final class ChunkQueue: @unchecked Sendable {
    let chunkCount: Int
    private let count: Int
    private let chunkSize: Int
    /// Guards `handedOut`.
    private let lock = NSLock()
    private var handedOut = 0

    init(count: Int, chunkSize: Int) {
        self.count = count
        self.chunkSize = chunkSize
        chunkCount = (count + chunkSize - 1) / chunkSize
    }

    /// The next range, or nil when every range has been handed out.
    func next() -> Range<Int>? {
        lock.withLock {
            guard handedOut < count else { return nil }
            let start = handedOut
            handedOut = min(count, start + chunkSize)
            return start ..< handedOut
        }
    }
}
