#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns byte strings to dense `Int32` codes without creating a `String` per occurrence.
///
/// Distinct byte strings are stored once in a flat arena; an open-addressing table keyed by FNV-1a finds
/// them. Strings are materialised only for distinct values, once, by ``strings()``.
struct ByteStringInterner {
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The number of distinct byte strings.
    var count: Int { ends.count }

    /// The code of `bytes`, adding them when new.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = FNV1a.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let code = slots[slot]
            if code < 0 { break }
            if equals(code, bytes) { return code }
            slot = (slot + 1) & mask
        }
        let code = Int32(ends.count)
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        slots[slot] = code
        if ends.count * 2 > slots.count { grow() }
        return code
    }

    /// Calls `body` with the bytes of `code`.
    func withBytes<R>(of code: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let c = Int(code)
        let start = c == 0 ? 0 : ends[c - 1]
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start ..< ends[c]])) }
    }

    /// Every distinct value as a string, indexed by code.
    func strings() -> [String] {
        (0..<Int32(count)).map { code in withBytes(of: code) { String(decoding: $0, as: UTF8.self) } }
    }

    @inline(__always)
    private func equals(_ code: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let c = Int(code)
        let start = c == 0 ? 0 : ends[c - 1]
        guard ends[c] - start == bytes.count else { return false }
        guard !bytes.isEmpty else { return true }
        return arena.withUnsafeBytes { memcmp($0.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for code in 0..<Int32(count) {
            let hash = withBytes(of: code) { FNV1a.hash($0) }
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = code
        }
    }
}
