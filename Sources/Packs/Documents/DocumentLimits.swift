/// Bounds that keep reading an untrusted pack file cheap: a hostile file (a YAML "billion laughs" alias
/// bomb, 100 000 nested brackets, a gigabyte of text) ends in a syntax error instead of exhausting memory
/// or the stack.
public struct DocumentLimits: Hashable, Sendable {
    /// The largest file accepted, in bytes.
    public var maximumBytes: Int
    /// The deepest nesting of arrays and objects accepted.
    public var maximumDepth: Int
    /// The largest number of values (after YAML aliases are expanded) accepted.
    public var maximumNodes: Int

    public init(maximumBytes: Int = 16 << 20, maximumDepth: Int = 128, maximumNodes: Int = 250_000) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
        self.maximumNodes = maximumNodes
    }

    public static let `default` = DocumentLimits()
}
