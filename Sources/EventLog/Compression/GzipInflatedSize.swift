/// How many bytes a gzip file inflates to, counted by streaming it through the same inflater the readers use,
/// without keeping the output: a service checks an upload's inflate ratio against gzip bombs before parsing.
///
/// ```swift
/// if let size = try GzipInflatedSize.measure(fileAt: path, limit: 1 << 30) { print(size) } else { print("too large") }
/// ```
public enum GzipInflatedSize {
    /// The inflated size of the gzip (or zlib) file at `path`, or nil as soon as it exceeds `limit` bytes.
    ///
    /// - Throws: ``EventLogError`` `.fileNotFound`, `.corruptGzip` or `.truncatedGzip`.
    public static func measure(fileAt path: String, limit: Int) throws -> Int? {
        let inflater = try GzipInflater(input: try FileByteSource(path: path), fileName: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = try inflater.read(into: buffer)
            if count == 0 { return total }
            total += count
            if total > limit { return nil }
        }
    }
}
