/// Turns text into a fixed-length vector for similarity search. Hosts may conform their own providers
/// (a hosted embedding API, a local model); ``HashedNGramEmbedding`` is the embedded default.
public protocol EmbeddingProvider: Sendable {
    /// The length of every vector this provider returns.
    var dimensions: Int { get }
    func embed(_ text: String) async throws -> [Float]
}

/// A deterministic embedding with no model and no network: character trigrams and word unigrams of the
/// lower-cased text are hashed (FNV-1a) into `dimensions` buckets with a sign bit, then L2-normalised.
/// Texts sharing words and fragments get high cosine similarity.
public struct HashedNGramEmbedding: EmbeddingProvider {
    public let dimensions: Int

    public init(dimensions: Int = 256) {
        self.dimensions = max(8, dimensions)
    }

    public func embed(_ text: String) async throws -> [Float] { vector(for: text) }

    /// The embedding, synchronously.
    public func vector(for text: String) -> [Float] {
        var v = [Float](repeating: 0, count: dimensions)
        if !addASCIIGrams(of: text, to: &v) {
            let lowered = Array(text.lowercased().unicodeScalars.map { $0.properties.isAlphabetic || $0.properties.numericType != nil ? $0 : " " })
            let padded = [" "] + lowered + [" "]
            if padded.count >= 3 {
                for i in 0...(padded.count - 3) {
                    add(Self.hash(String(String.UnicodeScalarView(padded[i..<i + 3])).utf8), weight: 1, to: &v)
                }
            }
            for word in String(String.UnicodeScalarView(lowered)).split(separator: " ") {
                add(Self.hash("w:".utf8, continuing: word.utf8), weight: 2, to: &v)
            }
        }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for i in v.indices { v[i] /= norm } }
        return v
    }

    /// The grams of an ASCII text, hashed straight from its bytes (no `String` per gram): the same hashes, in
    /// the same order, as the general path — for ASCII, lower-casing maps `A`–`Z` only, the letters and digits
    /// are the alphabetic and numeric scalars, and every scalar is its own character, so words split the same.
    /// - Returns: false, adding nothing, when the text is not ASCII.
    private func addASCIIGrams(of text: String, to v: inout [Float]) -> Bool {
        var text = text
        return text.withUTF8 { utf8 -> Bool in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return false }
            let space = UInt8(ascii: " ")
            var padded = [UInt8](repeating: space, count: utf8.count + 2)
            for (i, byte) in utf8.enumerated() {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): padded[i + 1] = byte + 32
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): padded[i + 1] = byte
                default: break
                }
            }
            for i in 0..<max(0, padded.count - 2) {
                add(Self.hash(padded[i..<i + 3]), weight: 1, to: &v)
            }
            var start = 1
            for end in 1..<padded.count where padded[end] == space {
                if end > start { add(Self.hash("w:".utf8, continuing: padded[start..<end]), weight: 2, to: &v) }
                start = end + 1
            }
            return true
        }
    }

    /// 64-bit FNV-1a of `bytes`.
    private static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        hash("".utf8, continuing: bytes)
    }

    /// 64-bit FNV-1a of `prefix` followed by `bytes`.
    private static func hash<Prefix: Sequence<UInt8>, Bytes: Sequence<UInt8>>(_ prefix: Prefix, continuing bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in prefix {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }

    private func add(_ hash: UInt64, weight: Float, to v: inout [Float]) {
        let index = Int(hash % UInt64(dimensions))
        v[index] += (hash >> 63) == 0 ? weight : -weight
    }
}
