/// A process tree: leaves are activities or silent steps (tau); inner nodes are operators.
///
/// A loop `*(body, redo_1, ..., redo_n)` executes the body, then any number of times one redo
/// followed by the body again (PM4Py's two-child loop is the common case).
public indirect enum ProcessTree: Hashable, Sendable {
    case activity(String)
    case silent
    case sequence([ProcessTree])
    case exclusiveChoice([ProcessTree])
    case parallel([ProcessTree])
    case loop([ProcessTree])

    /// The operator's children; empty for leaves.
    public var children: [ProcessTree] {
        switch self {
        case .activity, .silent: []
        case .sequence(let c), .exclusiveChoice(let c), .parallel(let c), .loop(let c): c
        }
    }
}
