import Crypto

/// SHA-256 (FIPS 180-4) of a byte array, as bytes or lowercase hex: schema fingerprints, the Agents layer's
/// audit chain and idempotency keys. The digest is swift-crypto's (`Crypto.SHA256`, BoringSSL's assembly
/// where the CPU has it), which a benchmark measured faster than the hand-written implementation this
/// replaced (docs/decisions/sha256-swift-crypto.md); this type only fixes the byte-array API and the hex form.
///
/// ```swift
/// SHA256.hex(Array("abc".utf8))   // "ba7816bf…"
/// ```
public enum SHA256 {
    /// The 32-byte digest of `message`.
    public static func digest(_ message: [UInt8]) -> [UInt8] {
        Array(hash(message))
    }

    /// The digest of `message` as 64 lowercase hexadecimal digits.
    public static func hex(_ message: [UInt8]) -> String {
        let digest = hash(message)
        return String(unsafeUninitializedCapacity: 64) { buffer in
            var i = 0
            for byte in digest {
                buffer[i] = hexDigit(byte >> 4)
                buffer[i + 1] = hexDigit(byte & 0x0f)
                i += 2
            }
            return 64
        }
    }

    private static func hash(_ message: [UInt8]) -> Crypto.SHA256.Digest {
        var hasher = Crypto.SHA256()
        message.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize()
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
