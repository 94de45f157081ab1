extension EventLog {
    /// A lightweight view of one event: its row in the log's columns.
    public struct Event: Sendable {
        public let row: Int
        public let activity: Int32
        public let timestamp: Int64
        public let resource: Int32

        @inlinable
        public init(row: Int, activity: Int32, timestamp: Int64, resource: Int32) {
            self.row = row
            self.activity = activity
            self.timestamp = timestamp
            self.resource = resource
        }
    }

    /// A lightweight view of one case: a range of event rows. Iterating it allocates nothing.
    public struct Trace: RandomAccessCollection, Sendable {
        public let caseIndex: Int
        public let rows: Range<Int>
        @usableFromInline let activities: [Int32]
        @usableFromInline let times: [Int64]
        @usableFromInline let resources: [Int32]

        public var startIndex: Int { rows.lowerBound }
        public var endIndex: Int { rows.upperBound }

        @inlinable
        public subscript(row: Int) -> Event {
            Event(row: row, activity: activities[row], timestamp: times[row], resource: resources[row])
        }

        /// The activity codes of this trace, in order.
        public var activitySequence: ArraySlice<Int32> { activities[rows] }
    }

    /// The case at `caseIndex`.
    public subscript(caseIndex: Int) -> Trace {
        Trace(caseIndex: caseIndex, rows: eventRange(ofCase: caseIndex), activities: activityCodes,
              times: timestamps, resources: resourceCodes)
    }

    /// All cases, in order.
    public var traces: LazyMapSequence<Range<Int>, Trace> {
        (0..<caseCount).lazy.map { self[$0] }
    }
}
