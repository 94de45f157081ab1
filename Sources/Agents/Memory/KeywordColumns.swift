/// The keyword sets of one ``MemoryBucket``: each word is numbered once (per bucket, while a slot holds it) and
/// each slot keeps its words' numbers in one flat array shared by all slots, so a search marks the query's
/// numbers once and counts each slot's marked numbers — no `String` hashed or compared per candidate.
///
/// Exact, not probabilistic: words are numbered by a `[String: Int32]`, which (like the `Set<String>` the overlap
/// was first computed on) treats canonically equivalent texts as one word, so two slots share a number exactly
/// when they share a word.
struct KeywordColumns: Sendable {
    /// The number of each word some slot holds, the word of each number, how many slots hold each number, and
    /// numbers free for reuse.
    private var numbers: [String: Int32] = [:]
    private var texts: [String] = []
    private var holders: [Int32] = []
    private var freeNumbers: [Int32] = []
    /// Every slot's word numbers; slot `s` has `words[starts[s] ..< starts[s] + counts[s]]`.
    private var words: [Int32] = []
    private var starts: [Int32] = []
    private var counts: [Int32] = []
    /// How many entries of `words` no slot points at any more (compacted when they are the majority).
    private var garbage = 0

    /// Adds a slot after the last.
    mutating func append(_ set: Set<String>) {
        starts.append(0)
        counts.append(0)
        store(set, at: starts.count - 1)
    }

    /// Replaces a slot's words.
    mutating func replace(at slot: Int, with set: Set<String>) {
        release(slot)
        store(set, at: slot)
    }

    /// Removes a slot; the slots after it move one down.
    mutating func remove(at slot: Int) {
        release(slot)
        starts.remove(at: slot)
        counts.remove(at: slot)
    }

    /// `|query ∩ words| / |query ∪ words|` of every slot, 0 when both are empty.
    func jaccard(_ query: Set<String>) -> [Double] {
        var marked = [Bool](repeating: false, count: holders.count)
        for word in query {
            if let number = numbers[word] { marked[Int(number)] = true }
        }
        let queryCount = query.count
        return [Double](unsafeUninitializedCapacity: starts.count) { scores, initialized in
            marked.withUnsafeBufferPointer { marked in
                words.withUnsafeBufferPointer { words in
                    for slot in 0..<starts.count {
                        let (start, count) = (Int(starts[slot]), Int(counts[slot]))
                        var shared = 0
                        for n in start..<start + count where marked[Int(words[n])] { shared += 1 }
                        let union = queryCount + count - shared
                        scores.initializeElement(at: slot, to: union == 0 ? 0 : Double(shared) / Double(union))
                    }
                }
            }
            initialized = starts.count
        }
    }

    private mutating func store(_ set: Set<String>, at slot: Int) {
        starts[slot] = Int32(words.count)
        counts[slot] = Int32(set.count)
        for word in set {
            let number: Int32
            if let known = numbers[word] {
                number = known
            } else if let free = freeNumbers.popLast() {
                number = free
                numbers[word] = number
                texts[Int(number)] = word
            } else {
                number = Int32(holders.count)
                holders.append(0)
                texts.append(word)
                numbers[word] = number
            }
            holders[Int(number)] += 1
            words.append(number)
        }
    }

    /// Lets go of a slot's words (a number no slot holds is freed) and compacts `words` when most of it is unused.
    private mutating func release(_ slot: Int) {
        let start = Int(starts[slot])
        for n in start..<start + Int(counts[slot]) {
            let number = words[n]
            holders[Int(number)] -= 1
            if holders[Int(number)] == 0 {
                freeNumbers.append(number)
                numbers[texts[Int(number)]] = nil
            }
        }
        garbage += Int(counts[slot])
        counts[slot] = 0
        if garbage > 64 && garbage > words.count / 2 { compact() }
    }

    private mutating func compact() {
        var kept: [Int32] = []
        kept.reserveCapacity(words.count - garbage)
        for slot in starts.indices {
            let start = Int(starts[slot])
            starts[slot] = Int32(kept.count)
            kept.append(contentsOf: words[start..<start + Int(counts[slot])])
        }
        (words, garbage) = (kept, 0)
    }
}
