/// Descriptive statistics of an object-centric log: counts, distributions and how object types meet.
///
/// ```swift
/// let stats = ObjectCentricStatistics(log)
/// print(stats.activities, stats.convergence["Create Order"]?["item"] ?? 0)
/// ```
public struct ObjectCentricStatistics: Sendable, Hashable {
    public var events: Int
    public var objects: Int
    public var e2o: Int
    public var o2o: Int
    /// Object attribute records stored with their own time (not in an initial row); see
    /// ``ObjectCentricLog/objectAttributeIsInitial``. This is what PM4Py counts as object changes.
    public var objectChanges: Int
    /// Events per activity.
    public var activities: [String: Int]
    /// Objects per object type (declared types without objects count 0).
    public var objectTypes: [String: Int]
    /// Number of events having k related objects, keyed by k.
    public var objectsPerEvent: [Int: Int]
    /// Number of objects having k (distinct) events, keyed by k.
    public var eventsPerObject: [Int: Int]
    /// For each unordered pair of object types (names sorted, joined), the number of events relating
    /// objects of both; a type paired with itself counts events with two or more objects of that type.
    public var typeInteractions: [TypePair: Int]
    /// Activity → object type → events of that activity related to more than one object of the type.
    public var convergence: [String: [String: Int]]
    /// Activity → object type → objects of the type related to more than one event of the activity.
    public var divergence: [String: [String: Int]]

    /// Two object type names, ordered.
    public struct TypePair: Hashable, Sendable, Comparable {
        public var first: String
        public var second: String
        public init(_ a: String, _ b: String) {
            (first, second) = a <= b ? (a, b) : (b, a)
        }
        public static func < (l: TypePair, r: TypePair) -> Bool { (l.first, l.second) < (r.first, r.second) }
    }

    public init(_ log: ObjectCentricLog) {
        events = log.eventCount
        objects = log.objectCount
        e2o = log.e2oCount
        o2o = log.o2oCount
        objectChanges = log.objectAttributeIsInitial.lazy.filter { !$0 }.count
        let typeNames = log.objectTypes.map(\.name)
        let activityNames = log.eventTypes.map(\.name)
        var activityCounts = [Int](repeating: 0, count: activityNames.count)
        for t in log.eventTypeCodes { activityCounts[Int(t)] += 1 }
        activities = [:]
        for (i, n) in activityCounts.enumerated() where n > 0 { activities[activityNames[i], default: 0] += n }
        var typeCounts = [Int](repeating: 0, count: typeNames.count)
        for t in log.objectTypeCodes { typeCounts[Int(t)] += 1 }
        objectTypes = Dictionary(zip(typeNames, typeCounts), uniquingKeysWith: +)
        objectsPerEvent = [:]
        var interactions: [TypePair: Int] = [:]
        var convergenceCounts: [Int: Int] = [:]
        var perType = [Int](repeating: 0, count: typeNames.count)
        for e in 0 ..< log.eventCount {
            let related = log.objects(of: e)
            objectsPerEvent[related.count, default: 0] += 1
            var distinct = Set<Int32>()
            for o in related where distinct.insert(o).inserted { perType[Int(log.objectTypeCodes[Int(o)])] += 1 }
            let present = perType.indices.filter { perType[$0] > 0 }
            for (i, a) in present.enumerated() {
                if perType[a] > 1 {
                    interactions[TypePair(typeNames[a], typeNames[a]), default: 0] += 1
                    convergenceCounts[Int(log.eventTypeCodes[e]) * typeNames.count + a, default: 0] += 1
                }
                for b in present[(i + 1)...] { interactions[TypePair(typeNames[a], typeNames[b]), default: 0] += 1 }
            }
            for a in present { perType[a] = 0 }
        }
        typeInteractions = interactions
        convergence = [:]
        for (key, n) in convergenceCounts {
            convergence[activityNames[key / typeNames.count], default: [:]][typeNames[key % typeNames.count]] = n
        }
        eventsPerObject = [:]
        divergence = [:]
        var perActivity = [Int](repeating: 0, count: activityNames.count)
        for o in 0 ..< log.objectCount {
            let events = log.events(of: o)
            eventsPerObject[events.count, default: 0] += 1
            for e in events { perActivity[Int(log.eventTypeCodes[Int(e)])] += 1 }
            for e in events {
                let a = Int(log.eventTypeCodes[Int(e)])
                if perActivity[a] > 1 {
                    divergence[activityNames[a], default: [:]][typeNames[Int(log.objectTypeCodes[o])], default: 0] += 1
                }
                perActivity[a] = 0
            }
        }
    }
}
