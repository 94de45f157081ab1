/// The embeddings of one ``MemoryBucket``, stored component by component: row `d` holds component `d` of every slot
/// side by side, so a search multiplies each of the query's non-zero components with one contiguous row — the
/// products of many entries at once (vectorised), instead of one entry's chain of dependent additions at a time.
///
/// **The scores are bit for bit the dense dot product summed in index order** (what ``TenantMemory`` always
/// computed). Each slot's sum still takes its products in ascending component order, in `Float`, each rounded as
/// before (a multiplication, then an addition: Swift never fuses them); the rows only change which slot is summed
/// next. The products left out are those where the query's component is `±0`: for a finite query and a finite
/// entry each such product is a zero, and adding a zero to a sum that started at `+0.0` never changes it (IEEE
/// round to nearest: `x + ±0 == x`, and the sum can never become `-0.0`). A query with an infinite or NaN
/// component, or a slot holding one (where `0 · ∞` is NaN), is multiplied densely from the slot's exact vector.
struct VectorColumns: Sendable {
    /// How many rows (the longest vector stored) and slots there are.
    private(set) var dimensions = 0
    private(set) var count = 0
    /// Slots allocated per row: row `d` is `components[d * stride ..< d * stride + count]`.
    private var stride = 0
    private var components: [Float] = []
    /// Each slot's vector length (components at and after it are zeros of the layout, not of the vector).
    private var lengths: [Int32] = []
    /// Whether each slot's components are all finite.
    private var finite: [Bool] = []

    /// Adds a slot after the last.
    mutating func append(_ vector: [Float]) {
        reserve(dimensions: vector.count, slots: count + 1)
        count += 1
        lengths.append(0)
        finite.append(true)
        store(vector, at: count - 1)
    }

    /// Replaces a slot's vector.
    mutating func replace(at slot: Int, with vector: [Float]) {
        reserve(dimensions: vector.count, slots: count)
        store(vector, at: slot)
    }

    /// Removes a slot; the slots after it move one down.
    mutating func remove(at slot: Int) {
        components.withUnsafeMutableBufferPointer { c in
            for d in 0..<dimensions {
                let row = c.baseAddress! + d * stride
                (row + slot).update(from: row + slot + 1, count: count - slot - 1)
            }
        }
        count -= 1
        lengths.remove(at: slot)
        finite.remove(at: slot)
    }

    /// A slot's vector, bit for bit as it was stored.
    func vector(at slot: Int) -> [Float] {
        (0..<Int(lengths[slot])).map { components[$0 * stride + slot] }
    }

    /// `Σ query[i] · vector[i]` over `i < min(query.count, vector.count)`, summed in index order in `Float`, for the
    /// vector of every slot: bit-identical to the dense product of each.
    func dots(_ query: [Float]) -> [Float] {
        var sums = [Float](repeating: 0, count: count)
        let queryIsFinite = query.allSatisfy(\.isFinite)
        if queryIsFinite {
            query.withUnsafeBufferPointer { q in
                components.withUnsafeBufferPointer { c in
                    sums.withUnsafeMutableBufferPointer { s in
                        let sums = s.baseAddress!
                        for d in 0..<min(q.count, dimensions) where q[d] != 0 {
                            let (value, row) = (q[d], c.baseAddress! + d * stride)
                            for slot in 0..<count { sums[slot] += value * row[slot] }
                        }
                    }
                }
            }
        }
        for slot in 0..<count where !queryIsFinite || !finite[slot] {
            sums[slot] = Self.denseDot(query, vector(at: slot))
        }
        return sums
    }

    /// The dense dot product, summed in index order.
    private static func denseDot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for i in 0..<min(a.count, b.count) { sum += a[i] * b[i] }
        return sum
    }

    /// Writes a slot's column: its components, then zeros down to the last row.
    private mutating func store(_ vector: [Float], at slot: Int) {
        lengths[slot] = Int32(vector.count)
        finite[slot] = vector.allSatisfy(\.isFinite)
        let (stride, dimensions) = (stride, dimensions)
        components.withUnsafeMutableBufferPointer { c in
            let column = c.baseAddress! + slot
            for d in 0..<dimensions { column[d * stride] = d < vector.count ? vector[d] : 0 }
        }
    }

    /// Makes room for `dimensions` rows and `slots` slots, doubling the slots per row when they run out.
    private mutating func reserve(dimensions wanted: Int, slots: Int) {
        if slots > stride {
            let newStride = max(16, 2 * stride, slots)
            var grown = [Float](repeating: 0, count: dimensions * newStride)
            for d in 0..<dimensions {
                grown[d * newStride ..< d * newStride + count] = components[d * stride ..< d * stride + count]
            }
            (components, stride) = (grown, newStride)
        }
        if wanted > dimensions {
            components.append(contentsOf: repeatElement(0, count: (wanted - dimensions) * stride))
            dimensions = wanted
        }
    }
}
