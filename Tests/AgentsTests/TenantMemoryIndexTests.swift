import Agents
import XCTest

/// The memory's search index (sparse embeddings, hashed keyword sets) must return exactly what a brute-force
/// scan returns: the same entries in the same order with bit-identical scores. The reference below is the
/// algorithm as first written — dense dot product summed in index order in `Float`, keyword overlap on
/// `Set<String>`, every admitted candidate scored and sorted by score, then id.
final class TenantMemoryIndexTests: XCTestCase {
    /// The entries kept: per exception type the ids in the memory's slots (a full bucket overwrites its oldest slot;
    /// an entry whose type changes leaves its old bucket, whose next entries then fill new slots first).
    private struct Reference {
        var entries: [String: MemoryEntry] = [:]
        var buckets: [String: (ids: [String], oldest: Int)] = [:]
        let capacity: Int
        let embed: (String) -> [Float]

        mutating func remember(_ entry: MemoryEntry) {
            let type = entry.exceptionType ?? ""
            for key in buckets.keys where key != type {
                guard let i = buckets[key]!.ids.firstIndex(of: entry.id) else { continue }
                buckets[key]!.ids.remove(at: i)
                buckets[key]!.oldest = 0
            }
            var bucket = buckets[type] ?? ([], 0)
            if !bucket.ids.contains(entry.id) {
                if bucket.ids.count < capacity {
                    bucket.ids.append(entry.id)
                } else {
                    entries[bucket.ids[bucket.oldest]] = nil
                    bucket.ids[bucket.oldest] = entry.id
                    bucket.oldest = (bucket.oldest + 1) % capacity
                }
            }
            buckets[type] = bucket
            entries[entry.id] = entry
        }

        func search(_ text: String, k: Int, filter: MemoryFilter) -> [(id: String, score: UInt64, vector: UInt64, keyword: UInt64)] {
            let query = embed(text)
            let words = Self.keywords(text)
            let scored = entries.values.filter { entry in
                (filter.exceptionType == nil || entry.exceptionType == filter.exceptionType)
                    && (filter.severity == nil || entry.severity == filter.severity)
                    && (filter.domain == nil || entry.domain == filter.domain)
            }.map { entry -> (id: String, score: Double, vector: Double, keyword: Double) in
                let other = embed(entry.text)
                var dot: Float = 0
                for i in 0..<min(query.count, other.count) { dot += query[i] * other[i] }
                let entryWords = Self.keywords(entry.text)
                let shared = words.intersection(entryWords).count
                let union = words.union(entryWords).count
                let keyword = union == 0 ? 0 : Double(shared) / Double(union)
                let vector = Double(dot)
                return (entry.id, 0.7 * vector + (1 - 0.7) * keyword, vector, keyword)
            }
            return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }.prefix(k)
                .map { ($0.id, $0.score.bitPattern, $0.vector.bitPattern, $0.keyword.bitPattern) }
        }

        static func keywords(_ text: String) -> Set<String> {
            Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.filter { $0.count > 2 }.map(String.init))
        }
    }

    /// An embedding of a text that mimics a hosted model's: dense-ish, with exact zeros and negative zeros.
    private struct ScatteredEmbedding: EmbeddingProvider {
        let dimensions = 48
        func embed(_ text: String) async throws -> [Float] { Self.vector(text) }
        static func vector(_ text: String) -> [Float] {
            var state = UInt64(truncatingIfNeeded: text.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 })
            return (0..<48).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                switch state >> 60 {
                case 0...6: return 0
                case 7: return -0.0
                default: return Float(Int64(bitPattern: state) >> 40) / Float(1 << 23)
                }
            }
        }
    }

    /// An embedding with infinities, NaNs, huge components (whose products overflow) and a length that varies.
    private struct WildEmbedding: EmbeddingProvider {
        let dimensions = 24
        func embed(_ text: String) async throws -> [Float] { Self.vector(text) }
        static func vector(_ text: String) -> [Float] {
            var state = UInt64(truncatingIfNeeded: text.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 })
            return (0..<(20 + Int(state % 5))).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                switch state >> 58 {
                case 0...30: return 0
                case 31: return -0.0
                case 32: return .infinity
                case 33: return -.infinity
                case 34: return .nan
                case 35...37: return 3e38
                default: return Float(Int64(bitPattern: state) >> 40) / Float(1 << 23)
                }
            }
        }
    }

    private let vocabulary = ["settlement", "failed", "custodian", "trade", "payment", "stuck", "Payment", "STUCK", "cash",
                              "mismatch", "account", "café", "cafe\u{301}", "straße", "STRASSE", "ünïcødé", "✓✓✓", "数据库",
                              "P-1", "P-22", "T-333", "12345", "ab", "x", "release_payment", "paymentId", "zürich"]

    private func text(_ random: inout SystemRandomNumberGenerator) -> String {
        let separators = [" ", "  ", ", ", ": ", "/", "\n", "-", "_", "."]
        return (0..<Int.random(in: 0...9, using: &random)).map { _ in
            vocabulary.randomElement(using: &random)! + separators.randomElement(using: &random)!
        }.joined()
    }

    private func check(embedding: any EmbeddingProvider, vectors: @escaping (String) -> [Float], rounds: Int,
                       capacity: Int = 1_000) async throws {
        var random = SystemRandomNumberGenerator()
        let memory = TenantMemory(embedding: embedding, capacityPerType: capacity)
        var reference = Reference(capacity: capacity, embed: vectors)
        let types: [String?] = ["SETTLEMENT_FAIL", "PAYMENT_STUCK", nil, ""]
        var lastQuery = ""
        for round in 0..<rounds {
            // Now and then the text last searched for, whose embedding the memory reuses.
            let entryText = Int.random(in: 0..<4, using: &random) == 0 ? lastQuery : text(&random)
            let entry = MemoryEntry(id: "e\(Int.random(in: 0..<150, using: &random))", tenantID: "acme", text: entryText,
                                    exceptionType: types.randomElement(using: &random)!, severity: ["HIGH", "LOW", nil].randomElement(using: &random)!,
                                    domain: ["finance", nil].randomElement(using: &random)!)
            try await memory.remember(entry)
            reference.remember(entry)
            guard round % 7 == 0 else { continue }
            let filter = MemoryFilter(exceptionType: (types + [nil, nil]).randomElement(using: &random)!,
                                      severity: ["HIGH", nil, nil].randomElement(using: &random)!,
                                      domain: ["finance", nil, nil].randomElement(using: &random)!)
            let query = text(&random)
            lastQuery = query
            let k = Int.random(in: 1...12, using: &random)
            let hits = try await memory.search(tenantID: "acme", text: query, k: k, filter: filter).map {
                ($0.entry.id, $0.score.bitPattern, $0.vectorScore.bitPattern, $0.keywordScore.bitPattern)
            }
            let expected = reference.search(query, k: k, filter: filter)
            XCTAssertEqual(hits.map(\.0), expected.map(\.id), "query \(query.debugDescription) filter \(filter)")
            XCTAssertEqual(hits.map(\.1), expected.map(\.score), "query \(query.debugDescription)")
            XCTAssertEqual(hits.map(\.2), expected.map(\.vector), "query \(query.debugDescription)")
            XCTAssertEqual(hits.map(\.3), expected.map(\.keyword), "query \(query.debugDescription)")
        }
    }

    func testSearchEqualsABruteForceScanWithTheDefaultEmbedding() async throws {
        let embedding = HashedNGramEmbedding()
        try await check(embedding: embedding, vectors: { embedding.vector(for: $0) }, rounds: 1_500)
    }

    func testSearchEqualsABruteForceScanWithZerosAndNegativeZeros() async throws {
        try await check(embedding: ScatteredEmbedding(), vectors: ScatteredEmbedding.vector, rounds: 1_500)
    }

    /// Full buckets overwrite their oldest entry (and entries change type, leaving a bucket): the scan must see
    /// exactly the entries kept, with their latest texts.
    func testSearchEqualsABruteForceScanWhenBucketsWrapAround() async throws {
        let embedding = HashedNGramEmbedding()
        try await check(embedding: embedding, vectors: { embedding.vector(for: $0) }, rounds: 1_500, capacity: 7)
        try await check(embedding: ScatteredEmbedding(), vectors: ScatteredEmbedding.vector, rounds: 1_500, capacity: 40)
    }

    /// Vectors with infinite and NaN components (in entries and queries), vectors of other lengths, and products that
    /// overflow: every entry's scores must be the dense product's bits. Asked for every entry (k above the count), as
    /// NaN scores have no order to compare.
    func testScoresOfNonFiniteAndUnevenVectorsEqualTheDenseProduct() async throws {
        var random = SystemRandomNumberGenerator()
        let memory = TenantMemory(embedding: WildEmbedding(), capacityPerType: 60)
        var reference = Reference(capacity: 60, embed: WildEmbedding.vector)
        for round in 0..<600 {
            let entry = MemoryEntry(id: "e\(Int.random(in: 0..<80, using: &random))", tenantID: "acme", text: text(&random),
                                    exceptionType: ["A", "B", nil].randomElement(using: &random)!)
            try await memory.remember(entry)
            reference.remember(entry)
            guard round % 5 == 0 else { continue }
            let query = text(&random)
            let hits = try await memory.search(tenantID: "acme", text: query, k: 1_000)
            let expected = reference.search(query, k: 1_000, filter: MemoryFilter())
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: hits.map { ($0.entry.id, [$0.score.bitPattern, $0.vectorScore.bitPattern, $0.keywordScore.bitPattern]) }),
                           Dictionary(uniqueKeysWithValues: expected.map { ($0.id, [$0.score, $0.vector, $0.keyword]) }),
                           "query \(query.debugDescription)")
        }
    }

    /// Keywords of ASCII texts are read from their bytes; their overlaps must equal the `Set<String>` of the general
    /// path on any ASCII (controls, `"\r\n"`, punctuation, digits, both cases), and on texts mixing in other scripts.
    func testKeywordScoresOfAnyTextEqualTheGeneralPath() async throws {
        var random = SystemRandomNumberGenerator()
        let ascii = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
        let pieces = ["\r\n", "ABC", "abc", "Abc", "a1b", "12", "123", "XYZ9", "é", "Ünï", "数据库", "\u{301}", " "]
        func sample() -> String {
            String((0..<Int.random(in: 0...30, using: &random)).map { _ in
                Int.random(in: 0..<3, using: &random) == 0 ? pieces.randomElement(using: &random)! : String(ascii.randomElement(using: &random)!)
            }.joined())
        }
        let embedding = HashedNGramEmbedding(dimensions: 8)
        let memory = TenantMemory(embedding: embedding)
        var reference = Reference(capacity: 1_000, embed: { embedding.vector(for: $0) })
        for round in 0..<400 {
            let entry = MemoryEntry(id: "e\(round % 90)", tenantID: "acme", text: sample())
            try await memory.remember(entry)
            reference.remember(entry)
            guard round % 4 == 0 else { continue }
            let query = sample()
            let hits = try await memory.search(tenantID: "acme", text: query, k: 1_000)
            let expected = reference.search(query, k: 1_000, filter: MemoryFilter())
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: hits.map { ($0.entry.id, $0.keywordScore.bitPattern) }),
                           Dictionary(uniqueKeysWithValues: expected.map { ($0.id, $0.keyword) }), "query \(query.debugDescription)")
        }
    }

    /// The default embedding hashes ASCII text from its bytes; it must equal the general path (a `String` per
    /// gram), bit for bit, which this reference spells out.
    func testHashedNGramEmbeddingOfASCIIEqualsTheGeneralPath() {
        func reference(_ text: String, dimensions: Int) -> [Float] {
            var v = [Float](repeating: 0, count: dimensions)
            func add(_ gram: String, _ weight: Float) {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for byte in gram.utf8 {
                    hash ^= UInt64(byte)
                    hash &*= 0x100_0000_01b3
                }
                v[Int(hash % UInt64(dimensions))] += (hash >> 63) == 0 ? weight : -weight
            }
            let lowered = Array(text.lowercased().unicodeScalars.map { $0.properties.isAlphabetic || $0.properties.numericType != nil ? $0 : " " })
            let padded = [" "] + lowered + [" "]
            if padded.count >= 3 {
                for i in 0...(padded.count - 3) { add(String(String.UnicodeScalarView(padded[i..<i + 3])), 1) }
            }
            for word in String(String.UnicodeScalarView(lowered)).split(separator: " ") { add("w:" + word, 2) }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { for i in v.indices { v[i] /= norm } }
            return v
        }
        var random = SystemRandomNumberGenerator()
        let ascii = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
        var samples = ["", " ", "a", "ab", "PAYMENT STUCK paymentId: P-42", "\r\n\t", "Z9", "release_payment/x", "café", "数据"]
        for _ in 0..<500 {
            samples.append(String((0..<Int.random(in: 0...40, using: &random)).map { _ in ascii.randomElement(using: &random)! }))
            samples.append(text(&random))
        }
        for dimensions in [8, 256] {
            let embedding = HashedNGramEmbedding(dimensions: dimensions)
            for sample in samples {
                XCTAssertEqual(embedding.vector(for: sample).map(\.bitPattern), reference(sample, dimensions: dimensions).map(\.bitPattern),
                               sample.debugDescription)
            }
        }
    }
}
