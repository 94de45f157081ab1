import CTracewiseZlib

/// Streaming gzip compression in front of another ``ByteSink``: bytes written here leave compressed,
/// chunk by chunk, so exporting a large log never holds its compressed or plain text in memory.
final class GzipDeflater: ByteSink {
    private let output: ByteSink
    private let stream: UnsafeMutablePointer<z_stream>
    private let outputBuffer: UnsafeMutableRawBufferPointer
    private var finished = false

    /// - Parameter level: zlib compression level, 1 (fastest) to 9 (smallest).
    init(output: ByteSink, level: Int32 = 6, outputChunkSize: Int = 1 << 16) throws {
        self.output = output
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        outputBuffer = .allocate(byteCount: outputChunkSize, alignment: 16)
        let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            outputBuffer.deallocate()
            stream.deallocate()
            throw EventLogError(.ioError, "zlib could not be initialised (status \(status))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        outputBuffer.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(bytes.count)
        while stream.pointee.avail_in > 0 {
            try deflateStep(flush: Z_NO_FLUSH)
        }
    }

    func finish() throws {
        guard !finished else { return }
        finished = true
        stream.pointee.avail_in = 0
        while try deflateStep(flush: Z_FINISH) != Z_STREAM_END {}
        try output.finish()
    }

    @discardableResult
    private func deflateStep(flush: Int32) throws -> Int32 {
        stream.pointee.next_out = outputBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(outputBuffer.count)
        let status = deflate(stream, flush)
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
            throw EventLogError(.ioError, "zlib compression failed (status \(status))")
        }
        let produced = outputBuffer.count - Int(stream.pointee.avail_out)
        if produced > 0 { try output.write(UnsafeRawBufferPointer(rebasing: outputBuffer[..<produced])) }
        return status
    }
}
