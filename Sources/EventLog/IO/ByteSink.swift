/// A push destination for bytes: files, compressors and in-memory buffers take exporter output through it.
protocol ByteSink: AnyObject {
    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes everything and completes the output (a file becomes visible under its final name).
    func finish() throws
}
