/// A declared XES extension (`<extension name= prefix= uri=/>`).
public struct XESExtension: Hashable, Sendable, Codable {
    public var name: String
    public var prefix: String
    public var uri: String

    public init(name: String, prefix: String, uri: String) {
        self.name = name
        self.prefix = prefix
        self.uri = uri
    }
}

/// Log-level metadata that XES carries besides traces: extensions, global defaults, classifiers
/// and log attributes, plus any XES `version`/`features` header values.
public struct LogHeader: Hashable, Sendable {
    public var extensions: [XESExtension] = []
    /// `<global scope="trace">` default attributes.
    public var traceGlobals: [Attribute] = []
    /// `<global scope="event">` default attributes.
    public var eventGlobals: [Attribute] = []
    /// Classifiers declared by the source, in order.
    public var classifiers: [Classifier] = []
    /// Attributes of the log element itself.
    public var attributes: [Attribute] = []
    /// Other attributes of the `<log>` element (`xes.version`, `xes.features`, ...), in order.
    public var xmlAttributes: [String: String] = [:]

    public init() {}
}
