/// Collects written bytes in memory.
final class MemoryByteSink: ByteSink {
    private(set) var bytes: [UInt8] = []

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }

    func finish() throws {}
}
