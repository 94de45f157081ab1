/// Where each role and attribute lives in a CSV file's columns, resolved once from the header.
struct CSVColumnLayout {
    /// An attribute column: its position, the attribute key, and whether it is trace level.
    struct AttributeColumnSpec {
        let index: Int
        let key: String
        let traceLevel: Bool
    }

    let columnNames: [String]
    let caseID: Int
    let activity: Int
    let timestamp: Int?
    let startTimestamp: Int?
    let resource: Int?
    let attributes: [AttributeColumnSpec]

    /// Keys the roles occupy, which attribute columns must not reuse.
    static let reservedEventKeys: Set<String> = ["concept:name", "time:timestamp", "start_timestamp", "org:resource"]

    init(header: CSVHeader, mapping: CSVColumnMapping, fileName: String?) throws {
        columnNames = header.names
        func require(_ name: String, role: String) throws -> Int {
            guard let index = header.index(of: name) else {
                throw EventLogError(.missingColumn, "the \(role) column '\(name)' is not in the header",
                                    location: .init(file: fileName, row: 1, field: name),
                                    excerpt: header.names.joined(separator: ","))
            }
            return index
        }
        caseID = try require(mapping.caseID, role: "case id")
        activity = try require(mapping.activity, role: "activity")
        timestamp = try mapping.timestamp.map { try require($0, role: "timestamp") }
        if let startName = mapping.startTimestamp {
            startTimestamp = try require(startName, role: "start timestamp")
        } else {
            startTimestamp = header.index(of: "start_timestamp")
        }
        if let resourceName = mapping.resource {
            resource = try require(resourceName, role: "resource")
        } else {
            resource = header.index(of: "org:resource")
        }
        let roles = Set([caseID, activity, timestamp, startTimestamp, resource].compactMap { $0 })
        var eventKeys = CSVColumnLayout.reservedEventKeys
        var traceKeys: Set<String> = ["concept:name"]
        var specs: [AttributeColumnSpec] = []
        for (index, name) in header.names.enumerated() where !roles.contains(index) {
            let traceLevel = name.hasPrefix("case:") && name.count > 5
            let base = traceLevel ? String(name.dropFirst(5)) : name
            var key = base
            var suffix = 1
            while (traceLevel ? traceKeys : eventKeys).contains(key) {
                key = "\(base).\(suffix)"
                suffix += 1
            }
            if traceLevel { traceKeys.insert(key) } else { eventKeys.insert(key) }
            specs.append(AttributeColumnSpec(index: index, key: key, traceLevel: traceLevel))
        }
        attributes = specs
    }
}
