/// One variant of a log: a distinct activity sequence and the number of cases that follow it.
///
/// Encodes as `{"activities": [...], "count": N}`, the shape `tracewise stats` prints.
public struct Variant: Hashable, Sendable, Codable {
    /// The activity names, in trace order.
    public var activities: [String]
    /// How many cases follow this sequence.
    public var count: Int

    public init(activities: [String], count: Int) {
        self.activities = activities
        self.count = count
    }

    /// The ordering PM4Py uses for variant lists: count descending, then the activity sequences compared
    /// element by element by Unicode scalar values (Python's list and string ordering; a prefix sorts first).
    public static func precedes(_ lhs: Variant, _ rhs: Variant) -> Bool {
        if lhs.count != rhs.count { return lhs.count > rhs.count }
        return lhs.activities.lexicographicallyPrecedes(rhs.activities) { a, b in
            a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        }
    }
}
