/// Where ``EventLog/filteringAttribute(_:values:scope:keep:)`` looks for the attribute.
public enum AttributeFilterScope: String, Hashable, Sendable, Codable {
    /// The trace attribute: whole cases are kept or removed.
    case trace
    /// Event attributes, deciding per case: a case matches when any of its events has a listed value.
    case casesWithEvent
    /// Event attributes, deciding per event: matching events are kept or removed; empty cases are dropped.
    case events
}

extension EventLog {
    /// Keeps (or, with `keep: false`, removes) cases or events by the value of attribute `key`.
    ///
    /// Values compare typed (`.int(3)` does not match `.string("3")`); a missing attribute matches nothing.
    ///
    /// ```swift
    /// let south = log.filteringAttribute("region", values: [.string("South")], scope: .trace)
    /// let noBob = log.filteringAttribute("org:resource", values: [.string("bob")], scope: .events, keep: false)
    /// ```
    /// - Complexity: O(events) (O(cases) for `.trace`).
    public func filteringAttribute(_ key: String, values: Set<AttributeValue>, scope: AttributeFilterScope,
                                   keep: Bool = true) -> EventLog {
        let result: EventLog
        switch scope {
        case .trace:
            let column = traceAttributes.column(key)
            let matches = { (c: Int) in column?[c].map { values.contains($0) } ?? false }
            result = selectingCases((0..<caseCount).filter { matches($0) == keep })
        case .casesWithEvent:
            let matches = eventMatches(key, values)
            result = selectingCases((0..<caseCount).filter { c in eventRange(ofCase: c).contains { matches[$0] } == keep })
        case .events:
            let matches = eventMatches(key, values)
            result = selectingEvents { matches[$0] == keep }
        }
        return result.recording("filterAttribute", parameters: [
            "key": key, "values": FilterParameters.list(Set(values.map(\.displayString))),
            "scope": scope.rawValue, "keep": String(keep),
        ], from: self)
    }

    /// Per event row: whether attribute `key` has one of `values`. String columns compare codes.
    private func eventMatches(_ key: String, _ values: Set<AttributeValue>) -> [Bool] {
        guard let column = eventAttributes.column(key) else { return [Bool](repeating: false, count: eventCount) }
        if case .string(let codes, let pool) = column.storage {
            let wanted = pool.names.map { values.contains(.string($0)) }
            return codes.map { $0 >= 0 && wanted[Int($0)] }
        }
        return (0..<eventCount).map { row in column[row].map { values.contains($0) } ?? false }
    }
}
