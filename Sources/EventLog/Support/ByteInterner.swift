#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns byte strings to dense `Int32` codes without creating a `String` per lookup.
///
/// The XES parser and the CSV reader hand it raw UTF-8 slices of their buffers; only new strings are copied
/// (into one arena), and `String`s are made once per distinct value in ``strings()``.
/// - Complexity: `intern` is amortised O(length); open addressing with linear probing, load ≤ 1/2.
package struct ByteInterner: Sendable {
    private struct Entry {
        var hash: UInt64
        var offset: Int
        var length: Int
    }

    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    /// Slot → entry index + 1 (0 = empty).
    private var slots: [Int32]
    private var mask: Int

    package init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The code of `bytes`, adding it when new.
    package mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let e = slots[slot]
            if e == 0 { break }
            let entry = entries[Int(e) - 1]
            if entry.hash == hash && entry.length == bytes.count && equals(entry, bytes) { return e - 1 }
            slot = (slot + 1) & mask
        }
        let code = Int32(entries.count)
        entries.append(Entry(hash: hash, offset: arena.count, length: bytes.count))
        arena.append(contentsOf: bytes)
        slots[slot] = code + 1
        if entries.count * 2 > slots.count { grow() }
        return code
    }

    /// The number of distinct byte strings interned so far.
    package var count: Int { entries.count }

    /// The string of `code`.
    package func string(_ code: Int32) -> String {
        let entry = entries[Int(code)]
        return arena.withUnsafeBufferPointer { a in
            String(decoding: UnsafeBufferPointer(rebasing: a[entry.offset ..< entry.offset + entry.length]), as: UTF8.self)
        }
    }

    /// Every interned string, indexed by code.
    package func strings() -> [String] {
        (0 ..< Int32(entries.count)).map(string)
    }

    private func equals(_ entry: Entry, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard entry.length > 0 else { return true }
        return arena.withUnsafeBytes { a in
            memcmp(a.baseAddress! + entry.offset, bytes.baseAddress!, entry.length) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [Int32](repeating: 0, count: size)
        let newMask = size - 1
        for (i, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & newMask
            while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = Int32(i + 1)
        }
        slots = newSlots
        mask = newMask
    }

    /// A fast 64-bit hash reading 8 bytes at a time.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return h }
        while i + 8 <= n {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            let tail: UInt64
            if n >= 8 {
                tail = base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else if n >= 4 {
                tail = UInt64(base.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
                    | UInt64(base.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
            } else {
                tail = UInt64(base.load(fromByteOffset: 0, as: UInt8.self))
                    | UInt64(base.load(fromByteOffset: n / 2, as: UInt8.self)) << 8
                    | UInt64(base.load(fromByteOffset: n - 1, as: UInt8.self)) << 16
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }
}
