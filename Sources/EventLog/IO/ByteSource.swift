/// A pull source of bytes: files, decompressors and in-memory buffers feed parsers through it chunk by chunk.
package protocol ByteSource: AnyObject {
    /// Fills a prefix of `buffer` and returns how many bytes were written; 0 means the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}
