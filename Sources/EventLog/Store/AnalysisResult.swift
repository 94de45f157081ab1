/// One stored analysis of a log — a DFG, process tree, Petri net, conformance report, explanation or
/// narrative — as its JSON payload, with the fingerprint of the log it was computed from and the log's
/// provenance, so a reader can tell whether it is still current and how the input was prepared.
public struct AnalysisResult: Sendable, Codable, Hashable {
    /// What kind of analysis this is. Open-ended: hosts add their own kinds.
    public struct Kind: Hashable, Sendable, Codable, RawRepresentable, Comparable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
        public var description: String { rawValue }
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }

        public static let directlyFollowsGraph = Kind(rawValue: "dfg")
        public static let processTree = Kind(rawValue: "processTree")
        public static let petriNet = Kind(rawValue: "petriNet")
        public static let conformance = Kind(rawValue: "conformance")
        public static let explanation = Kind(rawValue: "explanation")
        public static let narrative = Kind(rawValue: "narrative")
        public static let statistics = Kind(rawValue: "statistics")
    }

    /// The stored log this was computed from.
    public var logName: String
    public var kind: Kind
    /// The analysis parameters (noise threshold, classifier, ...); results are keyed by them.
    public var parameters: [String: String]
    /// The fingerprint of the log as analysed (``StoredLogInfo/fingerprint``).
    public var logFingerprint: String
    /// The provenance of the analysed log.
    public var provenance: Provenance
    /// The result as JSON, exactly as the producer encoded it.
    public var payload: [UInt8]
    /// UTC microseconds.
    public var createdAtMicroseconds: Int64

    public init(logName: String, kind: Kind, parameters: [String: String] = [:], logFingerprint: String,
                provenance: Provenance, payload: [UInt8], createdAtMicroseconds: Int64 = StoreClock.nowMicroseconds()) {
        self.logName = logName
        self.kind = kind
        self.parameters = parameters
        self.logFingerprint = logFingerprint
        self.provenance = provenance
        self.payload = payload
        self.createdAtMicroseconds = createdAtMicroseconds
    }

    /// The parameters as one canonical string (`key=value` pairs sorted by key, joined by `&`; `%`, `&` and
    /// `=` percent-escaped): the third part of a result's key after log name and kind.
    public var parametersKey: String {
        Self.parametersKey(parameters)
    }

    /// The canonical string of `parameters` (see ``parametersKey``).
    public static func parametersKey(_ parameters: [String: String]) -> String {
        func escape(_ text: String) -> String {
            var out = ""
            for character in text {
                switch character {
                case "%": out += "%25"
                case "&": out += "%26"
                case "=": out += "%3D"
                default: out.append(character)
                }
            }
            return out
        }
        return parameters.sorted { $0.key < $1.key }.map { escape($0.key) + "=" + escape($0.value) }.joined(separator: "&")
    }
}
