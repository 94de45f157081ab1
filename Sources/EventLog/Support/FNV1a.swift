/// The 64-bit FNV-1a hash: tiny, fast and identical on every platform and run (unlike `Hasher`, which is
/// seeded per process). Used for interning tables and the schema fingerprint.
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = offsetBasis) -> UInt64 {
        var h = seed
        for b in bytes {
            h ^= UInt64(b)
            h = h &* prime
        }
        return h
    }

    /// Folds the UTF-8 bytes of `text` into `h`.
    static func hash(_ text: String, seed: UInt64 = offsetBasis) -> UInt64 {
        var h = seed
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* prime
        }
        return h
    }
}
