/// Wraps a ``ByteSource`` so its first bytes can be inspected (to recognise gzip) before anyone reads it.
final class PeekingByteSource: ByteSource {
    private let base: ByteSource
    private var head: [UInt8] = []
    private var headPosition = 0

    init(_ base: ByteSource) {
        self.base = base
    }

    /// Up to `count` bytes from the start of the input, without consuming them.
    func peek(_ count: Int) throws -> [UInt8] {
        while head.count < count {
            var chunk = [UInt8](repeating: 0, count: count - head.count)
            let n = try chunk.withUnsafeMutableBytes { try base.read(into: $0) }
            if n == 0 { break }
            head.append(contentsOf: chunk.prefix(n))
        }
        return Array(head.prefix(count))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if headPosition < head.count {
            let n = min(buffer.count, head.count - headPosition)
            head.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + headPosition, byteCount: n) }
            headPosition += n
            return n
        }
        return try base.read(into: buffer)
    }
}

/// Helpers composing byte sources.
enum ByteSources {
    /// `source`, inflated when it starts with the gzip magic bytes.
    static func decompressingIfGzip(_ source: ByteSource, fileName: String?) throws -> ByteSource {
        let peeking = PeekingByteSource(source)
        guard try peeking.peek(2) == [0x1F, 0x8B] else { return peeking }
        return try GzipInflater(input: peeking, fileName: fileName)
    }
}
