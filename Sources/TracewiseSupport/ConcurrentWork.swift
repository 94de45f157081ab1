import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Parallel-for over indices or contiguous chunks on all cores, with `DispatchQueue.concurrentPerform`.
///
/// The one implementation of the package's data-parallel loops (sharded log scans in Discovery, variant
/// replay in Conformance, row-wise model evaluation and SHAP in Explain). Work that fits one task runs on the
/// calling thread: scheduling costs more than it saves there. Tasks must write disjoint results; pass
/// buffers through ``UnsafeSendable``.
///
/// ```swift
/// var out = [Double](repeating: 0, count: rows)
/// out.withUnsafeMutableBufferPointer { buffer in
///     let out = UnsafeSendable(buffer)
///     ConcurrentWork.forEachChunk(of: rows) { range in for r in range { out.value[r] = f(r) } }
/// }
/// ```
package enum ConcurrentWork {
    /// The number of cores the process may use (at least 1).
    package static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body(i)` for every `i` in `0..<count`, concurrently; returns when all calls are done.
    package static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        switch count {
        case ...0: return
        case 1: body(0)
        default: DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    /// The results of `body(i)` for `i` in `0..<count`, in index order, computed concurrently.
    package static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: count) { slots.value[$0] = body($0) }
        }
        return results.map { $0! }
    }

    /// Calls `body` once per contiguous chunk of `0..<count`, concurrently. Chunks hold at least
    /// `minimumChunk` indices; there are at most 8 per core, so uneven chunks still balance.
    package static func forEachChunk(of count: Int, minimumChunk: Int = 16, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunkCount = max(1, min(coreCount * 8, count / max(1, minimumChunk)))
        forEach(chunkCount) { chunk in
            body(count * chunk / chunkCount ..< count * (chunk + 1) / chunkCount)
        }
    }
}
