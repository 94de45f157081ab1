/// Options for reading a log from a file or bytes (see ``EventLog/init(contentsOf:options:)``).
///
/// ```swift
/// let log = try EventLog(contentsOf: url, options: ImportOptions(sortEventsByTimestamp: true, lenient: true))
/// ```
public struct ImportOptions: Hashable, Sendable {
    /// XES: stable-sort the events of each case by timestamp (events without one go last). Off by default:
    /// events keep their file order, as PM4Py's `read_xes` does, and variants depend on that order.
    /// A CSV read through ``EventLog/init(contentsOf:options:)`` is always sorted by timestamp, as PM4Py's
    /// `format_dataframe` does; ``CSVReader`` with `sortEventsByTimestamp = false` keeps its file order.
    public var sortEventsByTimestamp: Bool
    /// Skip invalid attributes and unknown elements, reporting each one, instead of failing on the first.
    /// Malformed XML and broken compression still fail.
    public var lenient: Bool
    /// The classifier that defines activities; nil means `concept:name`.
    public var classifier: Classifier?

    public init(sortEventsByTimestamp: Bool = false, lenient: Bool = false, classifier: Classifier? = nil) {
        self.sortEventsByTimestamp = sortEventsByTimestamp
        self.lenient = lenient
        self.classifier = classifier
    }

    /// The options as text key/value pairs, for ``Provenance/Source/options``.
    public var provenanceOptions: [String: String] {
        var options = ["sortEventsByTimestamp": String(sortEventsByTimestamp), "lenient": String(lenient)]
        if let classifier { options["classifier"] = classifier.keys.joined(separator: " ") }
        return options
    }
}
