/// How events map to activities: the values of one or more event attribute keys, joined by `+`
/// (the convention PM4Py uses for XES classifiers with several keys).
public struct Classifier: Hashable, Sendable, Codable {
    public var name: String
    public var keys: [String]

    public init(name: String, keys: [String]) {
        self.name = name
        self.keys = keys
    }

    /// `concept:name`, the default.
    public static let conceptName = Classifier(name: "Activity", keys: ["concept:name"])
    /// `concept:name` and `lifecycle:transition`.
    public static let conceptNameAndLifecycle = Classifier(
        name: "Activity and lifecycle", keys: ["concept:name", "lifecycle:transition"])
}
