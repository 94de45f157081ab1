import EventLog

/// Per-instance and per-case timing of a log under a business calendar: the shared base for
/// performance reports, bottlenecks, case features and what-if scenarios.
///
/// For instance `i` of a case (instances ordered by start):
/// - service = working time from its start to its end;
/// - waiting = working time from the latest end among the case's earlier instances to its start
///   (0 for the first instance, and 0 when it starts before that end, i.e. runs in parallel);
/// - sojourn = waiting + service.
/// Cycle time of a case = working time from its first to its last event timestamp.
///
/// ```swift
/// let analysis = PerformanceAnalysis(log)
/// let report = analysis.report(period: .week)
/// print(report.cycleTime.medianSeconds, report.activities.first?.waiting.meanSeconds ?? 0)
/// ```
public struct PerformanceAnalysis: Sendable {
    public let instances: ActivityInstances
    public let options: TimingOptions
    /// Waiting seconds per instance.
    public let waitingSeconds: [Double]
    /// Service seconds per instance.
    public let serviceSeconds: [Double]
    /// First and last event timestamp per case (UTC µs; `Timestamp.missing` for cases without timestamps).
    public let caseStart: [Int64]
    public let caseEnd: [Int64]
    /// Cycle time per case in working seconds (0 for cases without timestamps).
    public let cycleSeconds: [Double]
    /// Case identifiers (`concept:name`, or the case index when absent).
    public let caseIDs: [String]
    /// The number of events of the analysed log.
    public let eventCount: Int

    /// Times every instance and case of `log`.
    /// - Complexity: O(events) with the continuous calendar.
    public init(_ log: EventLog, options: TimingOptions = TimingOptions()) {
        self.init(instances: ActivityInstances(log, options: options), log: log, options: options)
    }

    /// Times already-paired `instances` of `log`.
    public init(instances: ActivityInstances, log: EventLog, options: TimingOptions) {
        self.instances = instances
        self.options = options
        eventCount = log.eventCount
        let calendar = options.calendar
        var waiting = [Double](repeating: 0, count: instances.count)
        var service = [Double](repeating: 0, count: instances.count)
        for c in 0..<instances.caseCount {
            var latestEnd = Int64.min
            for i in instances.range(ofCase: c) {
                let s = instances.start[i], e = instances.end[i]
                service[i] = calendar.seconds(from: s, to: e)
                if latestEnd != .min { waiting[i] = calendar.seconds(from: latestEnd, to: s) }
                latestEnd = max(latestEnd, e)
            }
        }
        waitingSeconds = waiting
        serviceSeconds = service
        var starts = [Int64](repeating: Timestamp.missing, count: log.caseCount)
        var ends = [Int64](repeating: Timestamp.missing, count: log.caseCount)
        var cycles = [Double](repeating: 0, count: log.caseCount)
        log.timestamps.withUnsafeBufferPointer { times in
            for c in 0..<log.caseCount {
                var lo = Int64.max, hi = Int64.min
                for e in log.eventRange(ofCase: c) where times[e] != Timestamp.missing {
                    lo = min(lo, times[e])
                    hi = max(hi, times[e])
                }
                guard lo <= hi else { continue }
                starts[c] = lo
                ends[c] = hi
                cycles[c] = calendar.seconds(from: lo, to: hi)
            }
        }
        caseStart = starts
        caseEnd = ends
        cycleSeconds = cycles
        caseIDs = (0..<log.caseCount).map { log.caseID($0) ?? String($0) }
    }

    /// Sojourn seconds of instance `i`.
    public func sojournSeconds(_ i: Int) -> Double { waitingSeconds[i] + serviceSeconds[i] }

    /// Every figure of the performance report, with throughput bucketed by `period`.
    public func report(period: CalendarPeriod = .week) -> PerformanceReport {
        PerformanceReport(
            caseCount: instances.caseCount, eventCount: eventCount, instanceCount: instances.count,
            startSource: instances.startSource,
            cycleTime: DurationStatistics(cycleSeconds.indices.filter { caseStart[$0] != Timestamp.missing }.map { cycleSeconds[$0] }),
            activities: activityPerformance(),
            transitions: transitionPerformance(),
            rework: reworkSummary(),
            throughput: throughput(period: period),
            resources: resourceWorkload(),
            handovers: handovers())
    }

    /// Per activity: service, waiting and sojourn statistics and rework counts, most frequent first.
    public func activityPerformance() -> [PerformanceReport.ActivityPerformance] {
        let n = instances.activityNames.count
        var waiting = [[Double]](repeating: [], count: n)
        var service = [[Double]](repeating: [], count: n)
        var sojourn = [[Double]](repeating: [], count: n)
        var cases = [Int](repeating: 0, count: n)
        var repeats = [Int](repeating: 0, count: n)
        var casesWithRepeats = [Int](repeating: 0, count: n)
        var seen = [Int](repeating: 0, count: n)
        for c in 0..<instances.caseCount {
            let range = instances.range(ofCase: c)
            for i in range {
                let a = Int(instances.activity[i])
                waiting[a].append(waitingSeconds[i])
                service[a].append(serviceSeconds[i])
                sojourn[a].append(sojournSeconds(i))
                seen[a] += 1
            }
            for i in range {
                let a = Int(instances.activity[i])
                guard seen[a] > 0 else { continue }
                cases[a] += 1
                if seen[a] > 1 {
                    repeats[a] += seen[a] - 1
                    casesWithRepeats[a] += 1
                }
                seen[a] = 0
            }
        }
        return (0..<n).filter { !waiting[$0].isEmpty }.map { a in
            PerformanceReport.ActivityPerformance(
                activity: instances.activityNames[a], instances: waiting[a].count, cases: cases[a],
                service: DurationStatistics(service[a]), waiting: DurationStatistics(waiting[a]),
                sojourn: DurationStatistics(sojourn[a]), reworkInstances: repeats[a], casesWithRework: casesWithRepeats[a])
        }.sorted { ($0.instances, $1.activity) > ($1.instances, $0.activity) }
    }

    /// Per directly-follows pair of instances (in start order): the waiting before the second.
    /// Without lifecycle data these are PM4Py's performance-DFG durations.
    public func transitionPerformance() -> [PerformanceReport.TransitionPerformance] {
        var durations: [Int64: [Double]] = [:]
        let n = Int64(max(1, instances.activityNames.count))
        for c in 0..<instances.caseCount {
            let range = instances.range(ofCase: c)
            guard range.count > 1 else { continue }
            for i in (range.lowerBound + 1)..<range.upperBound {
                let key = Int64(instances.activity[i - 1]) * n + Int64(instances.activity[i])
                durations[key, default: []].append(waitingSeconds[i])
            }
        }
        return durations.map { key, values in
            PerformanceReport.TransitionPerformance(
                from: instances.activityNames[Int(key / n)], to: instances.activityNames[Int(key % n)],
                duration: DurationStatistics(values))
        }.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// Rework over the whole log: cases that repeat an activity, repeated instances, and loop-backs
    /// (a repeat with another activity in between) versus immediate self-loops.
    public func reworkSummary() -> PerformanceReport.ReworkSummary {
        var casesWithRework = 0, repeated = 0, selfLoops = 0, loopBacks = 0
        var lastIndex: [Int32: Int] = [:]
        for c in 0..<instances.caseCount {
            lastIndex.removeAll(keepingCapacity: true)
            var hasRework = false
            for (position, i) in instances.range(ofCase: c).enumerated() {
                let a = instances.activity[i]
                if let previous = lastIndex[a] {
                    repeated += 1
                    hasRework = true
                    if previous == position - 1 { selfLoops += 1 } else { loopBacks += 1 }
                }
                lastIndex[a] = position
            }
            if hasRework { casesWithRework += 1 }
        }
        let caseCount = instances.caseCount
        return PerformanceReport.ReworkSummary(
            casesWithRework: casesWithRework, reworkInstances: repeated, selfLoops: selfLoops, loopBacks: loopBacks,
            caseShare: caseCount == 0 ? 0 : Double(casesWithRework) / Double(caseCount))
    }

    /// Cases started and completed and instances completed per calendar period, in time order.
    public func throughput(period: CalendarPeriod) -> [PerformanceReport.ThroughputPeriod] {
        let offset = options.calendar.utcOffsetMinutes
        var started: [Int64: Int] = [:], completed: [Int64: Int] = [:], work: [Int64: Int] = [:]
        func bucket(_ instant: Int64) -> Int64 {
            period.periodStart(ofDay: CalendarPeriod.localDay(of: instant, utcOffsetMinutes: offset))
        }
        for c in caseStart.indices where caseStart[c] != Timestamp.missing {
            started[bucket(caseStart[c]), default: 0] += 1
            completed[bucket(caseEnd[c]), default: 0] += 1
        }
        for e in instances.end { work[bucket(e), default: 0] += 1 }
        let keys = Set(started.keys).union(completed.keys).union(work.keys).sorted()
        return keys.map { key in
            PerformanceReport.ThroughputPeriod(
                period: period.label(ofStart: key), casesStarted: started[key] ?? 0,
                casesCompleted: completed[key] ?? 0, activitiesCompleted: work[key] ?? 0)
        }
    }

    /// Per resource: instances, cases, activities, and busy (service) and mean service seconds,
    /// busiest first.
    public func resourceWorkload() -> [PerformanceReport.ResourceWorkload] {
        let n = instances.resourceNames.count
        var count = [Int](repeating: 0, count: n)
        var busy = [Double](repeating: 0, count: n)
        var cases = [Int](repeating: 0, count: n)
        var activities = [Set<Int32>](repeating: [], count: n)
        var lastCase = [Int](repeating: -1, count: n)
        for c in 0..<instances.caseCount {
            for i in instances.range(ofCase: c) {
                let r = Int(instances.resource[i])
                guard r >= 0 else { continue }
                count[r] += 1
                busy[r] += serviceSeconds[i]
                activities[r].insert(instances.activity[i])
                if lastCase[r] != c { cases[r] += 1; lastCase[r] = c }
            }
        }
        return (0..<n).filter { count[$0] > 0 }.map { r in
            PerformanceReport.ResourceWorkload(
                resource: instances.resourceNames[r], instances: count[r], cases: cases[r],
                activities: activities[r].count, busySeconds: busy[r], meanServiceSeconds: busy[r] / Double(count[r]))
        }.sorted { ($0.instances, $1.resource) > ($1.instances, $0.resource) }
    }

    /// Handovers of work: consecutive instances of a case done by two different resources, with the
    /// waiting at the handover; most frequent first.
    public func handovers() -> [PerformanceReport.Handover] {
        var stats: [Int64: (count: Int, waiting: Double)] = [:]
        let n = Int64(max(1, instances.resourceNames.count))
        for c in 0..<instances.caseCount {
            let range = instances.range(ofCase: c)
            guard range.count > 1 else { continue }
            for i in (range.lowerBound + 1)..<range.upperBound {
                let from = instances.resource[i - 1], to = instances.resource[i]
                guard from >= 0, to >= 0, from != to else { continue }
                let key = Int64(from) * n + Int64(to)
                let old = stats[key] ?? (0, 0)
                stats[key] = (old.count + 1, old.waiting + waitingSeconds[i])
            }
        }
        return stats.map { key, value in
            PerformanceReport.Handover(
                from: instances.resourceNames[Int(key / n)], to: instances.resourceNames[Int(key % n)],
                count: value.count, meanWaitingSeconds: value.waiting / Double(value.count))
        }.sorted { ($0.count, $1.from, $1.to) > ($1.count, $0.from, $0.to) }
    }
}
