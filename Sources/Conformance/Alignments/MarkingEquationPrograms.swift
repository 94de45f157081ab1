/// The marking-equation programs one worker has built, by activity set, so that the traces it aligns
/// next reuse them (and their last simplex basis). Programs are taken out while a search uses them, so
/// the simplex tableau is never copied. The worker's ``MarkingSearchBuffers`` travel with them.
struct MarkingEquationPrograms: Sendable {
    private var byActivities: [[Int32]: MarkingEquationProgram] = [:]
    private var buffers = MarkingSearchBuffers()
    /// At most this many programs are kept.
    private let capacity = 256

    /// Removes and returns the program for `activities`, if one is kept.
    mutating func take(_ activities: [Int32]) -> MarkingEquationProgram? {
        byActivities.removeValue(forKey: activities)
    }

    /// Keeps `program` for the next trace over the same activities.
    mutating func keep(_ program: MarkingEquationProgram) {
        if byActivities.count < capacity || byActivities[program.activities] != nil {
            byActivities[program.activities] = program
        }
    }

    /// Takes out the search buffers, emptied (their capacity kept); hand them back with `keep(_:)`.
    mutating func takeBuffers() -> MarkingSearchBuffers {
        var taken = MarkingSearchBuffers()
        swap(&taken, &buffers)
        taken.clear()
        return taken
    }

    /// Keeps `buffers` for the next search.
    mutating func keep(_ buffers: MarkingSearchBuffers) {
        self.buffers = buffers
    }
}
