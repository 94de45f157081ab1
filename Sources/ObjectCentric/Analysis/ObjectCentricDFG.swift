/// The object-centric directly-follows graph (OC-DFG): one DFG per object type, computed as PM4Py's
/// `discover_ocdfg` does.
///
/// For each object, its distinct events in time order (ties in file order) form a sequence; each
/// consecutive pair is an occurrence `(source event, target event, object)` of the edge between the two
/// activities, in the object's type. Per edge the graph counts the distinct event couples, the distinct
/// objects and the occurrences (total objects). Start and end activities count objects by their first and
/// last event.
///
/// ```swift
/// let dfg = ObjectCentricDFG(log)
/// for type in dfg.objectTypes { print(type.name, type.edges.count) }
/// ```
/// - Complexity: O(R + E log E) for R relations and E events (the time order is built once with the log).
public struct ObjectCentricDFG: Sendable, Hashable {
    /// One edge of one object type's graph. Activities are indexes into ``activities``.
    public struct Edge: Hashable, Sendable {
        public var from: Int32
        public var to: Int32
        /// Distinct (source event, target event) pairs.
        public var eventCouples: Int
        /// Distinct objects that take this edge.
        public var uniqueObjects: Int
        /// Occurrences, (source event, target event, object) triples.
        public var totalObjects: Int
        /// With ``ObjectCentricDFG/init(_:performance:)`` `performance: true`: the seconds between source
        /// and target of each distinct event couple, ascending (PM4Py's `edges_performance`). Empty otherwise.
        public var coupleDurations: [Double]
    }

    /// One object type's graph.
    public struct TypeGraph: Hashable, Sendable {
        public var name: String
        /// Edges ordered by source, then target activity name.
        public var edges: [Edge]
        /// Activity index → number of objects whose first event has it.
        public var startActivities: [Int32: Int]
        /// Activity index → number of objects whose last event has it.
        public var endActivities: [Int32: Int]
    }

    /// Activity names (the log's event types).
    public var activities: [String]
    /// One graph per declared object type, in declaration order.
    public var objectTypes: [TypeGraph]

    /// Discovers the OC-DFG of `log`; with `performance`, also the durations per edge.
    public init(_ log: ObjectCentricLog, performance: Bool = false) {
        activities = log.eventTypes.map(\.name)
        let activityCount = activities.count
        var graphs: [TypeGraph] = log.objectTypes.map { TypeGraph(name: $0.name, edges: [], startActivities: [:], endActivities: [:]) }
        var objectsByType = [[Int]](repeating: [], count: log.objectTypes.count)
        for o in 0 ..< log.objectCount { objectsByType[Int(log.objectTypeCodes[o])].append(o) }
        var couples = Set<UInt64>()
        for t in graphs.indices {
            var edgeIndex: [Int: Int] = [:]
            var edges: [Edge] = []
            var lastObject: [Int] = []
            couples.removeAll(keepingCapacity: true)
            var coupleLists: [[Double]] = []
            for o in objectsByType[t] {
                let sequence = log.events(of: o)
                guard let first = sequence.first, let last = sequence.last else { continue }
                graphs[t].startActivities[log.eventTypeCodes[Int(first)], default: 0] += 1
                graphs[t].endActivities[log.eventTypeCodes[Int(last)], default: 0] += 1
                var previous = first
                for e in sequence.dropFirst() {
                    let a = Int(log.eventTypeCodes[Int(previous)]), b = Int(log.eventTypeCodes[Int(e)])
                    let key = a * activityCount + b
                    let i: Int
                    if let existing = edgeIndex[key] {
                        i = existing
                    } else {
                        i = edges.count
                        edgeIndex[key] = i
                        edges.append(Edge(from: Int32(a), to: Int32(b), eventCouples: 0, uniqueObjects: 0, totalObjects: 0, coupleDurations: []))
                        lastObject.append(-1)
                        coupleLists.append([])
                    }
                    edges[i].totalObjects += 1
                    if lastObject[i] != o {
                        lastObject[i] = o
                        edges[i].uniqueObjects += 1
                    }
                    if couples.insert(UInt64(UInt32(bitPattern: previous)) << 32 | UInt64(UInt32(bitPattern: e))).inserted {
                        edges[i].eventCouples += 1
                        if performance {
                            coupleLists[i].append(Double(log.eventTimes[Int(e)] - log.eventTimes[Int(previous)]) / 1_000_000)
                        }
                    }
                    previous = e
                }
            }
            if performance {
                for i in edges.indices { edges[i].coupleDurations = coupleLists[i].sorted() }
            }
            let names = activities
            edges.sort { names[Int($0.from)] != names[Int($1.from)] ? names[Int($0.from)] < names[Int($1.from)] : names[Int($0.to)] < names[Int($1.to)] }
            graphs[t].edges = edges
        }
        objectTypes = graphs
    }

    /// The graph of the object type named `name`.
    public func graph(for name: String) -> TypeGraph? { objectTypes.first { $0.name == name } }
}
