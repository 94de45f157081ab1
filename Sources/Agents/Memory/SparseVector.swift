/// A remembered embedding kept as its non-zero components, so a similarity search multiplies only those:
/// the embedded ``HashedNGramEmbedding`` of a short text fills a few dozen of its 256 dimensions.
///
/// The dot product with a dense query is bit-identical to the dense one summed in index order (what
/// ``TenantMemory`` always computed): the components left out are `+0.0`, and for a finite query each of
/// their products is a zero whose addition leaves a sum that started at `+0.0` unchanged (IEEE round to
/// nearest: `x + ±0 == x`, and the sum can never become `-0.0`). `-0.0` components are kept (their bits are
/// not zero), so ``dense`` restores the exact vector; a query with an infinite or NaN component, where a zero
/// product is NaN, is multiplied densely.
struct SparseVector: Sendable {
    /// The length of the dense vector.
    let count: Int
    /// Indices (ascending) of the components whose bits are not all zero, and their values.
    private let indices: [Int32]
    private let values: [Float]

    init(_ dense: [Float]) {
        var indices: [Int32] = []
        var values: [Float] = []
        for (i, value) in dense.enumerated() where value.bitPattern != 0 {
            indices.append(Int32(i))
            values.append(value)
        }
        count = dense.count
        self.indices = indices
        self.values = values
    }

    /// The dense vector, bit for bit.
    var dense: [Float] {
        var vector = [Float](repeating: 0, count: count)
        for (i, value) in zip(indices, values) { vector[Int(i)] = value }
        return vector
    }

    /// `Σ query[i] · self[i]` over `i < min(query.count, count)`, summed in index order, in `Float`:
    /// bit-identical to the dense product.
    /// - Parameter queryIsFinite: every component of `query` is finite (else the dense product is computed).
    func dot(_ query: [Float], queryIsFinite: Bool) -> Float {
        guard queryIsFinite else { return Self.denseDot(query, dense) }
        return query.withUnsafeBufferPointer { q in
            indices.withUnsafeBufferPointer { indices in
                values.withUnsafeBufferPointer { values in
                    var sum: Float = 0
                    for n in 0..<indices.count {
                        let i = Int(indices[n])
                        if i >= q.count { break }
                        sum += q[i] * values[n]
                    }
                    return sum
                }
            }
        }
    }

    /// The dense dot product, summed in index order.
    static func denseDot(_ a: [Float], _ b: [Float]) -> Float {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var sum: Float = 0
                for i in 0..<min(a.count, b.count) { sum += a[i] * b[i] }
                return sum
            }
        }
    }
}
