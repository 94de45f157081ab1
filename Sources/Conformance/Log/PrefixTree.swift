/// The prefixes of a log's traces as a tree: node `k` stands for one prefix, with the number of cases
/// that continue after it and the activities they continue with — the "reflected tasks" of
/// ETConformance (PM4Py's `get_log_prefixes`, which only counts proper prefixes of length ≥ 1).
package struct PrefixTree: Sendable {
    package struct Node: Sendable {
        /// The activity code that ends this prefix (-1 for the root, the empty prefix).
        package var activity: Int32
        package var depth: Int
        /// Cases that have this prefix and at least one more event.
        package var continuing: Int
        /// Activity codes observed right after this prefix, ascending.
        package var next: [Int32]
        package var children: [Int]
    }

    package private(set) var nodes: [Node]

    package init(_ variants: TraceVariants) {
        nodes = [Node(activity: -1, depth: 0, continuing: 0, next: [], children: [])]
        var childIndex: [Int: [Int32: Int]] = [:]
        for (v, sequence) in variants.sequences.enumerated() {
            let count = variants.cases[v].count
            var node = 0
            for (k, activity) in sequence.enumerated() {
                if let existing = childIndex[node]?[activity] {
                    node = existing
                } else {
                    let created = nodes.count
                    nodes.append(Node(activity: activity, depth: k + 1, continuing: 0, next: [], children: []))
                    nodes[node].children.append(created)
                    childIndex[node, default: [:]][activity] = created
                    node = created
                }
                if k + 1 < sequence.count {
                    nodes[node].continuing += count
                    let following = sequence[k + 1]
                    if !nodes[node].next.contains(following) { nodes[node].next.append(following) }
                }
            }
        }
        for i in nodes.indices { nodes[i].next.sort() }
    }
}
