/// An ordered, Codable record of where a log came from and every transformation applied to it.
///
/// Importers set ``source``; filters and other transformations append a ``Step``.
public struct Provenance: Hashable, Sendable, Codable {
    /// Where the data came from.
    public struct Source: Hashable, Sendable, Codable {
        /// A file path, URL, connector name or `generator`.
        public var location: String
        /// `xes`, `csv`, `generator`, `builder`, ...
        public var format: String
        /// The schema fingerprint of the source, when computed.
        public var fingerprint: String?
        /// Import options as text key/value pairs.
        public var options: [String: String]

        public init(location: String, format: String, fingerprint: String? = nil, options: [String: String] = [:]) {
            self.location = location
            self.format = format
            self.fingerprint = fingerprint
            self.options = options
        }
    }

    /// One transformation.
    public struct Step: Hashable, Sendable, Codable {
        public var name: String
        public var parameters: [String: String]
        public var casesBefore: Int
        public var eventsBefore: Int
        public var casesAfter: Int
        public var eventsAfter: Int

        public init(name: String, parameters: [String: String], casesBefore: Int, eventsBefore: Int, casesAfter: Int, eventsAfter: Int) {
            self.name = name
            self.parameters = parameters
            self.casesBefore = casesBefore
            self.eventsBefore = eventsBefore
            self.casesAfter = casesAfter
            self.eventsAfter = eventsAfter
        }
    }

    public var source: Source?
    public var steps: [Step]

    public init(source: Source? = nil, steps: [Step] = []) {
        self.source = source
        self.steps = steps
    }
}
