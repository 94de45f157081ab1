/// Field paths shared by a set of rules, numbered: ``PackPolicy`` binds all its rules to one table
/// (``RuleExpression/bound(to:)``) and evaluates them on a record with one ``FieldSlotValues``, so a field
/// many rules read (`exceptionType`, `payload.amount`) is looked up once per record instead of once per rule.
struct FieldSlotTable {
    private var slots: [[String]: Int] = [:]

    /// How many distinct paths have slots.
    var count: Int { slots.count }

    /// The slot of `path`, added when new.
    mutating func slot(for path: [String]) -> Int {
        if let slot = slots[path] { return slot }
        slots[path] = slots.count
        return slots.count - 1
    }
}

/// The values one record holds at a ``FieldSlotTable``'s paths, each looked up on first use. The storage is
/// a temporary allocation (on the stack when small) that lives while ``with(_:_:)`` runs its body, one
/// evaluation of a rule set, so evaluating a record's rules allocates nothing for it.
struct FieldSlotValues {
    /// nil: not looked up yet; `.some(nil)`: the record lacks the field.
    let values: UnsafeMutableBufferPointer<PackValue??>

    static func with<Result>(_ table: FieldSlotTable, _ body: (FieldSlotValues) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: PackValue??.self, capacity: table.count) { buffer in
            buffer.initialize(repeating: nil)
            defer { buffer.deinitialize() }
            return body(FieldSlotValues(values: buffer))
        }
    }
}
