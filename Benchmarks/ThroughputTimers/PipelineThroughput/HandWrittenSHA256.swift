/// The SHA-256 Tracewise carried before issue 12 (FIPS 180-4, written by hand), kept here only as the
/// baseline the pipeline benchmark compares swift-crypto's with, in the same run.
enum HandWrittenSHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The 32-byte digest of `message`.
    static func digest(_ message: [UInt8]) -> [UInt8] {
        var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        k.withUnsafeBufferPointer { constants in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                message.withUnsafeBufferPointer { bytes in
                    let wholeBlocks = bytes.count / 64
                    for block in 0..<wholeBlocks {
                        compress(UnsafeBufferPointer(rebasing: bytes[block * 64 ..< block * 64 + 64]), into: &state,
                                 schedule: schedule, constants: constants)
                    }
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
                        let rest = bytes.count - wholeBlocks * 64
                        let tailLength = rest < 56 ? 64 : 128
                        tail.initialize(repeating: 0)
                        for i in 0..<rest { tail[i] = bytes[wholeBlocks * 64 + i] }
                        tail[rest] = 0x80
                        let bitLength = UInt64(bytes.count) &* 8
                        for i in 0..<8 { tail[tailLength - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(i * 8)) }
                        for offset in stride(from: 0, to: tailLength, by: 64) {
                            compress(UnsafeBufferPointer(rebasing: tail[offset ..< offset + 64]), into: &state,
                                     schedule: schedule, constants: constants)
                        }
                    }
                }
            }
        }
        return withUnsafeBytes(of: state) { words in
            var out = [UInt8](repeating: 0, count: 32)
            for i in 0..<8 {
                let word = words.load(fromByteOffset: i * 4, as: UInt32.self)
                for j in 0..<4 { out[i * 4 + j] = UInt8(truncatingIfNeeded: word >> UInt32(24 - j * 8)) }
            }
            return out
        }
    }

    /// Runs the compression function on one 64-byte block.
    @inline(__always)
    private static func compress(_ block: UnsafeBufferPointer<UInt8>,
                                 into state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
                                 schedule w: UnsafeMutableBufferPointer<UInt32>, constants: UnsafeBufferPointer<UInt32>) {
        for i in 0..<16 {
            let j = i * 4
            w[i] = UInt32(block[j]) << 24 | UInt32(block[j + 1]) << 16 | UInt32(block[j + 2]) << 8 | UInt32(block[j + 3])
        }
        for i in 16..<64 {
            let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
            let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = state
        for i in stride(from: 0, to: 64, by: 8) {
            round(a, b, c, &d, e, f, g, &h, constants[i] &+ w[i])
            round(h, a, b, &c, d, e, f, &g, constants[i + 1] &+ w[i + 1])
            round(g, h, a, &b, c, d, e, &f, constants[i + 2] &+ w[i + 2])
            round(f, g, h, &a, b, c, d, &e, constants[i + 3] &+ w[i + 3])
            round(e, f, g, &h, a, b, c, &d, constants[i + 4] &+ w[i + 4])
            round(d, e, f, &g, h, a, b, &c, constants[i + 5] &+ w[i + 5])
            round(c, d, e, &f, g, h, a, &b, constants[i + 6] &+ w[i + 6])
            round(b, c, d, &e, f, g, h, &a, constants[i + 7] &+ w[i + 7])
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
    }

    /// The digest as lowercase hexadecimal.
    static func hex(_ message: [UInt8]) -> String {
        let bytes = digest(message)
        return String(unsafeUninitializedCapacity: 64) { out in
            for (i, byte) in bytes.enumerated() {
                out[2 * i] = hexDigit(byte >> 4)
                out[2 * i + 1] = hexDigit(byte & 0xF)
            }
            return 64
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// One round with the working variables renamed instead of shifted (eight rounds per loop turn bring
    /// the names back to where they started).
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ constantPlusWord: UInt32) {
        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let choice = g ^ (e & (f ^ g))
        let t1 = h &+ s1 &+ choice &+ constantPlusWord
        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let majority = (a & b) ^ (c & (a ^ b))
        d = d &+ t1
        h = t1 &+ s0 &+ majority
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x >> n) | (x << (32 - n))
    }
}
