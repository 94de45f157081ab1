/// An element a ``BinaryHeap`` can order: `a.precedes(b)` when `a` must come out first.
protocol HeapOrdered {
    func precedes(_ other: Self) -> Bool
}

/// A binary min-heap in one contiguous array: the priority queue of both alignment searches and of the
/// Dijkstra over the reachability graph. Among elements that precede one another in neither direction, the
/// order is the heap's (not insertion order); callers that care break ties in `precedes`.
struct BinaryHeap<Element: HeapOrdered> {
    private var elements: [Element] = []

    var isEmpty: Bool { elements.isEmpty }

    /// Removes every element, keeping the storage for reuse.
    mutating func removeAll() {
        elements.removeAll(keepingCapacity: true)
    }

    mutating func push(_ element: Element) {
        elements.append(element)
        var i = elements.count - 1
        while i > 0 {
            let parent = (i - 1) >> 1
            guard elements[i].precedes(elements[parent]) else { break }
            elements.swapAt(i, parent)
            i = parent
        }
    }

    /// Removes and returns the element that precedes all others, or nil when the heap is empty.
    mutating func popMin() -> Element? {
        guard let last = elements.popLast() else { return nil }
        guard !elements.isEmpty else { return last }
        let top = elements[0]
        elements[0] = last
        var i = 0
        let n = elements.count
        while true {
            let left = 2 * i + 1
            if left >= n { break }
            var child = left
            if left + 1 < n && elements[left + 1].precedes(elements[left]) { child = left + 1 }
            guard elements[child].precedes(elements[i]) else { break }
            elements.swapAt(i, child)
            i = child
        }
        return top
    }
}

extension BinaryHeap: Sendable where Element: Sendable {}
