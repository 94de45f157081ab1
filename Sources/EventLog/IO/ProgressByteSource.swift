/// Passes reads through to another source, reporting the bytes read and throwing `CancellationError` once the
/// reading task is cancelled (checked once per read, so every few tens of kilobytes).
final class ProgressByteSource: ByteSource {
    private let source: ByteSource
    private let meter: ProgressMeter?

    init(_ source: ByteSource, meter: ProgressMeter?) {
        self.source = source
        self.meter = meter
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try Task.checkCancellation()
        let count = try source.read(into: buffer)
        if count > 0 { meter?.advance(by: count) } else { meter?.finish() }
        return count
    }
}
