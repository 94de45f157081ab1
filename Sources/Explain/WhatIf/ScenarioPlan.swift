import EventLog

extension ScenarioSimulator {
    /// A scenario resolved against a log's codes, with the medians reassignment needs.
    struct Plan {
        /// Waiting multiplier per activity code.
        var waitingFactor: [Double]
        /// Activity codes whose loops are removed.
        var reworkActivities: Set<Int32>
        var reassignFrom: Int32?
        var reassignActivity: Int32?
        var reassignTarget: String?
        /// The target resource's median (gap, duration) in µs per activity code.
        var targetMedians: [Int32: (gap: Int64?, duration: Int64)] = [:]

        init(scenario: ProcessScenario, instances: ActivityInstances) throws {
            func activityCode(_ name: String) throws -> Int32 {
                guard let code = instances.activityNames.firstIndex(of: name) else {
                    throw ExplainError(.unknownActivity, "scenario '\(scenario.name)' names unknown activity '\(name)'",
                                     location: .init(field: "activity"))
                }
                return Int32(code)
            }
            func resourceCode(_ name: String, field: String) throws -> Int32 {
                guard let code = instances.resourceNames.firstIndex(of: name) else {
                    throw ExplainError(.invalidParameter, "scenario '\(scenario.name)' names unknown resource '\(name)'",
                                     location: .init(field: field))
                }
                return Int32(code)
            }
            waitingFactor = [Double](repeating: 1, count: instances.activityNames.count)
            reworkActivities = []
            for change in scenario.changes {
                switch change {
                case .cutWaiting(let activity, let percent):
                    waitingFactor[Int(try activityCode(activity))] *= 1 - percent / 100
                case .removeRework(let activity):
                    reworkActivities.insert(try activityCode(activity))
                case .reassign(let from, let to, let activity):
                    reassignFrom = try resourceCode(from, field: "from")
                    let target = try resourceCode(to, field: "to")
                    reassignActivity = try activity.map(activityCode)
                    reassignTarget = to
                    targetMedians = Self.medians(of: target, instances: instances)
                }
            }
        }

        /// Instances of `range` inside a removed rework loop.
        func droppedInstances(in range: Range<Int>, instances: ActivityInstances) -> Set<Int> {
            guard !reworkActivities.isEmpty else { return [] }
            var dropped = Set<Int>()
            for activity in reworkActivities {
                let positions = range.filter { instances.activity[$0] == activity }
                guard let first = positions.first, let last = positions.last, last > first else { continue }
                dropped.formUnion((first + 1)...last)
            }
            return dropped
        }

        /// The new gap and duration of instance `i`.
        func adjust(instance i: Int, gap: Int64, duration: Int64, instances: ActivityInstances)
            -> (gap: Int64, duration: Int64, reassigned: Bool) {
            var gap = gap, duration = duration, reassigned = false
            let a = instances.activity[i]
            if let from = reassignFrom, instances.resource[i] == from,
               reassignActivity == nil || reassignActivity == a {
                reassigned = true
                if let medians = targetMedians[a] {
                    duration = medians.duration
                    if gap > 0, let median = medians.gap { gap = median }
                }
            }
            if gap > 0 { gap = Int64((Double(gap) * waitingFactor[Int(a)]).rounded()) }
            return (gap, duration, reassigned)
        }

        private static func medians(of resource: Int32, instances: ActivityInstances) -> [Int32: (gap: Int64?, duration: Int64)] {
            var gaps: [Int32: [Int64]] = [:], durations: [Int32: [Int64]] = [:]
            for c in 0..<instances.caseCount {
                var latest = Int64.min
                for i in instances.range(ofCase: c) {
                    defer { latest = max(latest, instances.end[i]) }
                    guard instances.resource[i] == resource else { continue }
                    let a = instances.activity[i]
                    durations[a, default: []].append(instances.end[i] - instances.start[i])
                    if latest != .min, instances.start[i] > latest { gaps[a, default: []].append(instances.start[i] - latest) }
                }
            }
            func median(_ values: [Int64]) -> Int64 { values.sorted()[values.count / 2] }
            var out: [Int32: (gap: Int64?, duration: Int64)] = [:]
            for (a, values) in durations { out[a] = (gaps[a].map(median), median(values)) }
            return out
        }
    }
}
