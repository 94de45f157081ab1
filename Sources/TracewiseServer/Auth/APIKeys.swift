import Agents
import Crypto
import Foundation

/// Makes and hashes API keys. A key is `tw_<id>_<secret>`: 8 random bytes of id and 32 of secret, hex-encoded.
/// With 256 bits of entropy a plain SHA-256 (swift-crypto) is enough to store it: no dictionary or brute-force
/// attack applies, so a slow password hash would only slow every request down.
///
/// ```swift
/// let (key, record) = APIKeys.make(tenant: "acme", role: .operator)
/// try await store.insert(record)   // hand `key` to the user once
/// ```
public enum APIKeys {
    /// A new key and the record to store for it.
    public static func make(tenant: String, role: Role, label: String? = nil, now: Date = Date()) -> (key: String, record: APIKeyRecord) {
        var generator = SystemRandomNumberGenerator()
        let id = hex((0..<8).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let secret = hex((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let key = "tw_\(id)_\(secret)"
        return (key, APIKeyRecord(id: id, tenant: tenant, role: role, secretHash: hash(key), createdAt: now, label: label))
    }

    /// The lower-case hex SHA-256 of `key`.
    public static func hash(_ key: String) -> String {
        hex(Array(SHA256.hash(data: Data(key.utf8))))
    }

    /// Whether `text` has the shape of a key (so malformed headers are refused before any lookup).
    static func isWellFormed(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 3 + 16 + 1 + 64, text.hasPrefix("tw_"), bytes[19] == UInt8(ascii: "_") else { return false }
        return (bytes[3..<19] + bytes[20...]).allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
