import EventLog

/// The activity instances of a log: one row per executed activity with its start and end, grouped by
/// case (CSR) and ordered by start within a case. This is the unit every performance figure is built on.
///
/// Pairing rules (per case, per activity, first-in first-out): a lifecycle `start` opens an instance and
/// the next `complete` of the same activity closes it; a `complete` with no open start is an
/// instantaneous instance; other transitions (`schedule`, `assign`, `suspend`, ...) are ignored; a start
/// that is never completed becomes an instantaneous instance at its start. Without lifecycle starts, a
/// start-timestamp attribute (see ``TimingOptions``) gives the start, else the event is instantaneous.
/// Events without a timestamp are skipped.
///
/// ```swift
/// let instances = ActivityInstances(log)
/// for i in instances.range(ofCase: 0) { print(instances.activity[i], instances.start[i], instances.end[i]) }
/// ```
public struct ActivityInstances: Sendable {
    /// CSR offsets into the instance arrays; `caseOffsets.count == caseCount + 1`.
    public let caseOffsets: [Int]
    /// Activity code per instance (index into ``activityNames``).
    public let activity: [Int32]
    /// Start instant per instance, UTC µs.
    public let start: [Int64]
    /// End (completion) instant per instance, UTC µs.
    public let end: [Int64]
    /// Resource code per instance (index into ``resourceNames``; the completing event's resource), or -1.
    public let resource: [Int32]
    /// The event row that completed (or, for an unmatched start, opened) the instance.
    public let eventRow: [Int]
    /// The event row that started the instance (equal to ``eventRow`` without a lifecycle start).
    public let startRow: [Int]
    public let activityNames: [String]
    public let resourceNames: [String]
    /// How starts were found.
    public let startSource: StartSource

    /// Where instance starts came from.
    public enum StartSource: String, Sendable, Codable {
        case lifecycle, startTimestampAttribute, none
    }

    public var caseCount: Int { caseOffsets.count - 1 }
    public var count: Int { activity.count }

    /// The instance rows of case `c`.
    public func range(ofCase c: Int) -> Range<Int> { caseOffsets[c] ..< caseOffsets[c + 1] }

    /// Pairs events into instances under `options`.
    /// - Complexity: O(events) plus sorting of cases whose instances are out of order.
    public init(_ log: EventLog, options: TimingOptions = TimingOptions()) {
        activityNames = log.activityNames
        resourceNames = log.resourceNames
        let lifecycle = options.lifecycleKey.flatMap { Self.lifecycleKinds(log, key: $0) }
        let startAttribute = options.startTimestampKey.flatMap { Self.startTimestamps(log, key: $0) }
        if let lifecycle, lifecycle.contains(1) {
            startSource = .lifecycle
        } else if startAttribute != nil {
            startSource = .startTimestampAttribute
        } else {
            startSource = .none
        }
        var builder = Builder(capacity: log.eventCount)
        for c in 0..<log.caseCount {
            let rows = log.eventRange(ofCase: c)
            switch startSource {
            case .lifecycle: builder.addPaired(rows, log: log, kinds: lifecycle!)
            case .startTimestampAttribute: builder.addWithStarts(rows, log: log, starts: startAttribute!)
            case .none: builder.addInstantaneous(rows, log: log)
            }
            builder.closeCase()
        }
        caseOffsets = builder.offsets
        activity = builder.activity
        start = builder.start
        end = builder.end
        resource = builder.resource
        eventRow = builder.row
        startRow = builder.startRow
    }

    /// Lifecycle kind per event: 1 start, 2 complete, 0 other, or nil when the column is absent.
    private static func lifecycleKinds(_ log: EventLog, key: String) -> [UInt8]? {
        guard let column = log.eventAttributes.column(key) else { return nil }
        if case .string(let codes, let pool) = column.storage {
            let kindByCode = pool.names.map { kind(of: $0) }
            return codes.map { $0 < 0 ? 2 : kindByCode[Int($0)] }
        }
        return (0..<log.eventCount).map { row in column[row].map { kind(of: $0.displayString) } ?? 2 }
    }

    private static func kind(of transition: String) -> UInt8 {
        switch transition.lowercased() {
        case "start": 1
        case "complete": 2
        default: 0
        }
    }

    private static func startTimestamps(_ log: EventLog, key: String) -> [Int64]? {
        guard let column = log.eventAttributes.column(key) else { return nil }
        if case .date(let values, _) = column.storage { return values }
        return (0..<log.eventCount).map { row in
            if case .date(let t)? = column[row] { return t.microseconds }
            return Timestamp.missing
        }
    }

    private struct Builder {
        var offsets = [0]
        var activity: [Int32] = []
        var start: [Int64] = []
        var end: [Int64] = []
        var resource: [Int32] = []
        var row: [Int] = []
        var startRow: [Int] = []
        var openStarts: [Int32: [Int]] = [:]

        init(capacity: Int) {
            activity.reserveCapacity(capacity)
            start.reserveCapacity(capacity)
            end.reserveCapacity(capacity)
            resource.reserveCapacity(capacity)
            row.reserveCapacity(capacity)
            startRow.reserveCapacity(capacity)
        }

        mutating func append(activity a: Int32, start s: Int64, end e: Int64, resource r: Int32, row e0: Int,
                             startRow s0: Int? = nil) {
            activity.append(a)
            startRow.append(s0 ?? e0)
            start.append(s)
            end.append(max(s, e))
            resource.append(r)
            row.append(e0)
        }

        mutating func addInstantaneous(_ rows: Range<Int>, log: EventLog) {
            for e in rows where log.timestamps[e] != Timestamp.missing {
                let t = log.timestamps[e]
                append(activity: log.activityCodes[e], start: t, end: t, resource: log.resourceCodes[e], row: e)
            }
        }

        mutating func addWithStarts(_ rows: Range<Int>, log: EventLog, starts: [Int64]) {
            for e in rows where log.timestamps[e] != Timestamp.missing {
                let t = log.timestamps[e]
                let s = starts[e] == Timestamp.missing ? t : min(starts[e], t)
                append(activity: log.activityCodes[e], start: s, end: t, resource: log.resourceCodes[e], row: e)
            }
        }

        mutating func addPaired(_ rows: Range<Int>, log: EventLog, kinds: [UInt8]) {
            openStarts.removeAll(keepingCapacity: true)
            for e in rows where log.timestamps[e] != Timestamp.missing {
                let a = log.activityCodes[e]
                let t = log.timestamps[e]
                switch kinds[e] {
                case 1:
                    openStarts[a, default: []].append(e)
                case 2:
                    if var queue = openStarts[a], !queue.isEmpty {
                        let opened = queue.removeFirst()
                        openStarts[a] = queue
                        let r = log.resourceCodes[e] >= 0 ? log.resourceCodes[e] : log.resourceCodes[opened]
                        append(activity: a, start: log.timestamps[opened], end: t, resource: r, row: e, startRow: opened)
                    } else {
                        append(activity: a, start: t, end: t, resource: log.resourceCodes[e], row: e)
                    }
                default:
                    break
                }
            }
            for (a, queue) in openStarts {
                for opened in queue {
                    let t = log.timestamps[opened]
                    append(activity: a, start: t, end: t, resource: log.resourceCodes[opened], row: opened)
                }
            }
        }

        /// Ends the current case, ordering its instances by (start, end, event row).
        mutating func closeCase() {
            let lo = offsets.last!
            let hi = activity.count
            var sorted = true
            if hi - lo > 1 {
                for i in (lo + 1)..<hi where (start[i - 1], end[i - 1], row[i - 1]) > (start[i], end[i], row[i]) {
                    sorted = false
                    break
                }
            }
            if !sorted {
                let order = (lo..<hi).sorted { (start[$0], end[$0], row[$0]) < (start[$1], end[$1], row[$1]) }
                let a = order.map { activity[$0] }, s = order.map { start[$0] }, en = order.map { end[$0] }
                let r = order.map { resource[$0] }, w = order.map { row[$0] }, sr = order.map { startRow[$0] }
                activity.replaceSubrange(lo..<hi, with: a)
                start.replaceSubrange(lo..<hi, with: s)
                end.replaceSubrange(lo..<hi, with: en)
                resource.replaceSubrange(lo..<hi, with: r)
                row.replaceSubrange(lo..<hi, with: w)
                startRow.replaceSubrange(lo..<hi, with: sr)
            }
            offsets.append(hi)
        }
    }
}
