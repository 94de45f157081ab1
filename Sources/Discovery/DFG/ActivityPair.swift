/// An ordered pair of activity codes: `target` directly follows `source`.
public struct ActivityPair: Hashable, Sendable {
    public var source: Int
    public var target: Int

    public init(source: Int, target: Int) {
        self.source = source
        self.target = target
    }
}
