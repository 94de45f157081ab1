/// A set of keywords sorted by a 64-bit hash, so the overlap of two sets is one merge of two short integer
/// arrays instead of a hash-set lookup (hashing a `String`) per word.
///
/// Exact, not probabilistic: words whose hashes are equal are compared as strings, so a hash collision can
/// never count two different words as shared. The hash is `String`'s own (seeded per process, consistent with
/// `==`, which compares canonically equivalent texts as equal — as the `Set<String>` the overlap was once
/// computed on did), so sets are only compared within one process and never stored.
struct KeywordSet: Sendable {
    /// The words' hashes, ascending, and the words in the same order.
    private let hashes: [UInt64]
    private let words: [String]

    init(_ words: Set<String>) {
        let sorted = words.map { (hash: Self.hash($0), word: $0) }.sorted { $0.hash != $1.hash ? $0.hash < $1.hash : $0.word < $1.word }
        hashes = sorted.map(\.hash)
        self.words = sorted.map(\.word)
    }

    var count: Int { hashes.count }

    /// |a ∩ b| / |a ∪ b|, 0 when both are empty.
    func jaccard(_ other: KeywordSet) -> Double {
        let shared = sharedCount(other)
        let union = count + other.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }

    /// How many words both sets hold.
    private func sharedCount(_ other: KeywordSet) -> Int {
        hashes.withUnsafeBufferPointer { a in
            other.hashes.withUnsafeBufferPointer { b in
                var (i, j, shared) = (0, 0, 0)
                while i < a.count && j < b.count {
                    if a[i] < b[j] {
                        i += 1
                    } else if a[i] > b[j] {
                        j += 1
                    } else {
                        let hash = a[i]
                        var (iEnd, jEnd) = (i + 1, j + 1)
                        while iEnd < a.count && a[iEnd] == hash { iEnd += 1 }
                        while jEnd < b.count && b[jEnd] == hash { jEnd += 1 }
                        if iEnd - i == 1 && jEnd - j == 1 {
                            if words[i] == other.words[j] { shared += 1 }
                        } else {
                            for x in i..<iEnd where other.words[j..<jEnd].contains(words[x]) { shared += 1 }
                        }
                        (i, j) = (iEnd, jEnd)
                    }
                }
                return shared
            }
        }
    }

    private static func hash(_ word: String) -> UInt64 {
        UInt64(bitPattern: Int64(word.hashValue))
    }
}
