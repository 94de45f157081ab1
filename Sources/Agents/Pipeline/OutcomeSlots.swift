/// The results of one run, one slot per input exception, filled by the worker tasks in any order and
/// handed over as one array without copying any outcome (copying each into place cost a reference-count
/// update per field of every outcome).
///
/// Safe because the chunk queue gives every index to exactly one worker, and ``takeAll()`` runs after every
/// worker has finished.
final class OutcomeSlots: @unchecked Sendable {
    private let base: UnsafeMutablePointer<ExceptionOutcome>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
    }

    /// Moves `outcome` into slot `index`, which must be empty.
    func store(_ outcome: consuming ExceptionOutcome, at index: Int) {
        (base + index).initialize(to: outcome)
    }

    /// Moves every outcome out, in index order; every slot must have been stored, and this is called once.
    func takeAll() -> [ExceptionOutcome] {
        [ExceptionOutcome](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { buffer.baseAddress!.moveInitialize(from: base, count: count) }
            initialized = count
        }
    }

    deinit {
        base.deallocate()
    }
}
