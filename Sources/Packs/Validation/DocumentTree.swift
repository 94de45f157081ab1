/// Read-only helpers for walking a document tree that may be partly malformed: each returns only the parts
/// of the expected type, so cross-reference checks run on whatever is usable and never stop early.
enum DocumentTree {
    /// The objects of the array at `key`, with their indices.
    static func objects(_ value: PackValue?, _ key: String) -> [(index: Int, object: PackValue)] {
        guard let elements = value?[key]?.arrayValue else { return [] }
        return elements.enumerated().compactMap { $0.element.objectValue == nil ? nil : ($0.offset, $0.element) }
    }

    /// The strings of the array at `key`, with their indices.
    static func strings(_ value: PackValue?, _ key: String) -> [(index: Int, string: String)] {
        guard let elements = value?[key]?.arrayValue else { return [] }
        return elements.enumerated().compactMap { element in element.element.stringValue.map { (element.offset, $0) } }
    }

    static func string(_ value: PackValue?, _ key: String) -> String? {
        value?[key]?.stringValue
    }
}

/// Reports the second and later occurrences of a name or id.
struct DuplicateFinder {
    private var seen: [String: JSONPointer] = [:]
    let code: ValidationCode
    let noun: String

    init(_ code: ValidationCode, noun: String) {
        self.code = code
        self.noun = noun
    }

    /// Records a name that later occurrences clash with, without reporting it.
    mutating func seed(_ name: String, at path: JSONPointer) {
        if seen[name] == nil { seen[name] = path }
    }

    mutating func check(_ name: String, at path: JSONPointer, into report: inout ValidationReport) {
        if let first = seen[name] {
            report.error(code, at: path, "duplicate \(noun) '\(name)' (first at \(first))")
        } else {
            seen[name] = path
        }
    }
}
