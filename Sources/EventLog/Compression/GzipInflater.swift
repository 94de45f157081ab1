import CTracewiseZlib

/// Streaming zlib inflate of gzip or zlib data (auto-detected), member after member.
///
/// The compressed input comes from another ``ByteSource``; ``read(into:)`` hands out decompressed bytes
/// chunk by chunk, so a 70 MB XML inside a 3 MB `.gz` never sits in memory at once.
/// Multi-member gzip files (concatenated members, as `cat a.gz b.gz` makes) are read to the end;
/// trailing zero padding after the last member is ignored.
///
/// - Throws: ``EventLogError`` `.truncatedGzip` when the input ends inside a member, `.corruptGzip` when
///   the data is not valid gzip/zlib or a checksum fails.
final class GzipInflater: ByteSource {
    private let input: ByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    private let inputBuffer: UnsafeMutableRawBufferPointer
    private var inputExhausted = false
    private var memberFinished = false
    private var finished = false
    private let fileName: String?

    /// - Parameter fileName: used in error locations.
    init(input: ByteSource, fileName: String?, inputChunkSize: Int = 1 << 16) throws {
        self.input = input
        self.fileName = fileName
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        inputBuffer = .allocate(byteCount: inputChunkSize, alignment: 16)
        let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            inputBuffer.deallocate()
            stream.deallocate()
            throw EventLogError(.ioError, "zlib could not be initialised (status \(status))",
                                location: .init(file: fileName))
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        inputBuffer.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 {
                if inputExhausted { break }
                try refillInput()
                if stream.pointee.avail_in == 0 { break }
            }
            if memberFinished {
                guard try startNextMember() else { break }
            }
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                memberFinished = true
            case Z_BUF_ERROR:
                if stream.pointee.avail_in == 0 { continue }
                throw corrupt("zlib made no progress")
            case Z_NEED_DICT, Z_DATA_ERROR:
                throw corrupt(stream.pointee.msg.map { String(cString: $0) } ?? "invalid compressed data")
            case Z_MEM_ERROR:
                throw EventLogError(.ioError, "out of memory while inflating", location: .init(file: fileName))
            default:
                throw corrupt("zlib status \(status)")
            }
        }
        let produced = buffer.count - Int(stream.pointee.avail_out)
        if produced == 0 && stream.pointee.avail_in == 0 && inputExhausted {
            guard memberFinished else {
                throw EventLogError(.truncatedGzip, "the compressed stream ends before its end marker",
                                    location: .init(file: fileName))
            }
            finished = true
        }
        return produced
    }

    private func refillInput() throws {
        let n = try input.read(into: inputBuffer)
        if n == 0 {
            inputExhausted = true
            return
        }
        stream.pointee.next_in = inputBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(n)
    }

    /// After a member ended: skips zero padding, then resets for the next member.
    /// Returns false when only padding remained.
    private func startNextMember() throws -> Bool {
        while stream.pointee.avail_in > 0 && stream.pointee.next_in.pointee == 0 {
            stream.pointee.next_in += 1
            stream.pointee.avail_in -= 1
        }
        if stream.pointee.avail_in == 0 { return false }
        guard inflateReset(stream) == Z_OK else { throw corrupt("could not start the next gzip member") }
        memberFinished = false
        return true
    }

    private func corrupt(_ detail: String) -> EventLogError {
        EventLogError(.corruptGzip, "the compressed data is corrupt: \(detail)", location: .init(file: fileName))
    }
}
