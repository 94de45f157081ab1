import Foundation

/// Reads another source on a thread of its own, a few chunks ahead of the consumer, so producing the bytes
/// (inflating gzip) and consuming them (scanning XML) run on two cores at once. Memory stays bounded: at most
/// `depth` chunks of `chunkSize` bytes wait between the two. An error from the source reaches the consumer
/// after the bytes read before it, exactly where a direct read would have thrown it.
final class PrefetchingByteSource: ByteSource {
    private let pipe: Pipe
    private var current: Pipe.Chunk?
    private var offset = 0

    init(_ source: ByteSource, chunkSize: Int = 1 << 18, depth: Int = 4) {
        pipe = Pipe(source: source, chunkSize: chunkSize, depth: depth)
        let pipe = self.pipe
        let thread = Thread { pipe.produce() }
        thread.name = "tracewise-prefetch"
        thread.start()
    }

    deinit {
        if let current { pipe.recycle(current.buffer) }
        pipe.stop()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if current == nil {
            guard let next = try pipe.next() else { return 0 }
            current = next
            offset = 0
        }
        let chunk = current!
        let count = min(buffer.count, chunk.count - offset)
        buffer.baseAddress!.copyMemory(from: chunk.buffer.baseAddress! + offset, byteCount: count)
        offset += count
        if offset == chunk.count {
            pipe.recycle(chunk.buffer)
            current = nil
        }
        return count
    }

    /// The state shared by the producer thread and the consumer, guarded by one condition variable.
    private final class Pipe: @unchecked Sendable {
        struct Chunk {
            var buffer: UnsafeMutableRawBufferPointer
            var count: Int
        }

        private let source: ByteSource
        private let condition = NSCondition()
        private var free: [UnsafeMutableRawBufferPointer]
        private var ready: [Chunk] = []
        private var readyStart = 0
        private var ended = false
        private var failure: (any Error)?
        private var stopped = false
        private var producerDone = false

        init(source: ByteSource, chunkSize: Int, depth: Int) {
            self.source = source
            free = (0..<max(1, depth)).map { _ in .allocate(byteCount: chunkSize, alignment: 16) }
        }

        /// The producer thread's loop: fill a free buffer, hand it over, until the source ends or fails or the
        /// consumer goes away.
        func produce() {
            while true {
                condition.lock()
                while free.isEmpty && !stopped { condition.wait() }
                if stopped { break }
                let buffer = free.removeLast()
                condition.unlock()
                var filled = 0
                var error: (any Error)?
                do {
                    // Fill the whole buffer (a source may return short reads), so hand-overs stay few.
                    while filled < buffer.count {
                        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                        if n == 0 { break }
                        filled += n
                    }
                } catch let thrown {
                    error = thrown
                }
                condition.lock()
                if filled > 0 { ready.append(Chunk(buffer: buffer, count: filled)) } else { free.append(buffer) }
                if let error { failure = error }
                if error != nil || filled < buffer.count { ended = true }
                condition.broadcast()
                if ended || stopped { break }
                condition.unlock()
            }
            producerDone = true
            condition.broadcast()
            condition.unlock()
        }

        /// The next chunk, nil at the end; throws the source's error once the chunks before it are consumed.
        func next() throws -> Chunk? {
            condition.lock()
            defer { condition.unlock() }
            while readyStart == ready.count && !ended { condition.wait() }
            if readyStart < ready.count {
                let chunk = ready[readyStart]
                readyStart += 1
                if readyStart == ready.count {
                    ready.removeAll(keepingCapacity: true)
                    readyStart = 0
                }
                return chunk
            }
            if let failure { throw failure }
            return nil
        }

        func recycle(_ buffer: UnsafeMutableRawBufferPointer) {
            condition.lock()
            free.append(buffer)
            condition.signal()
            condition.unlock()
        }

        /// Stops the producer, waits for it to leave, and frees every buffer.
        func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            while !producerDone { condition.wait() }
            for chunk in ready[readyStart...] { chunk.buffer.deallocate() }
            for buffer in free { buffer.deallocate() }
            ready.removeAll()
            free.removeAll()
            condition.unlock()
        }
    }
}
