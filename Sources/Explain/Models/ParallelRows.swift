import Dispatch
import Foundation

/// Splits row-wise work into contiguous chunks run on all cores with `DispatchQueue.concurrentPerform`.
/// Each chunk writes only its own rows, so results need no locking.
package enum ParallelRows {
    /// Calls `body` once per chunk of `0..<rowCount`, concurrently; returns when every chunk is done.
    package static func forEachChunk(rowCount: Int, minimumChunk: Int = 16,
                                     _ body: @Sendable (Range<Int>) -> Void) {
        guard rowCount > 0 else { return }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunkCount = max(1, min(cores * 8, rowCount / max(1, minimumChunk)))
        if chunkCount == 1 {
            body(0..<rowCount)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let lower = rowCount * chunk / chunkCount
            let upper = rowCount * (chunk + 1) / chunkCount
            body(lower..<upper)
        }
    }
}

/// Carries a buffer pointer into concurrent row chunks that write disjoint rows.
package struct UnsafeSendable<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}
