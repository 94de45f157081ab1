import EventLog

/// A labelled Petri net with weighted arcs and initial and final markings (a workflow net when it has one
/// source and one sink place).
///
/// Places and transitions are addressed by their index; ids and names are kept for PNML round trips.
/// A transition with a `nil` label is silent (tau).
///
/// ```swift
/// var net = PetriNet()
/// let start = net.addPlace(id: "start"), end = net.addPlace(id: "end")
/// let a = net.addTransition(id: "t_a", label: "a")
/// net.addArc(from: .place(start), to: .transition(a))
/// net.addArc(from: .transition(a), to: .place(end))
/// net.initialMarking = [start: 1]
/// net.finalMarking = [end: 1]
/// ```
public struct PetriNet: Hashable, Sendable {
    public struct Place: Hashable, Sendable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public struct Transition: Hashable, Sendable {
        public var id: String
        /// The visible activity label, or nil for a silent transition.
        public var label: String?
        /// The display name (PM4Py keeps a name separate from the label).
        public var name: String
        public init(id: String, label: String?, name: String) {
            self.id = id
            self.label = label
            self.name = name
        }
        public var isSilent: Bool { label == nil }
    }

    /// An arc end: a place or a transition index.
    public enum Node: Hashable, Sendable {
        case place(Int)
        case transition(Int)
    }

    public struct Arc: Hashable, Sendable {
        public var source: Node
        public var target: Node
        public var weight: Int
        public init(source: Node, target: Node, weight: Int = 1) {
            self.source = source
            self.target = target
            self.weight = weight
        }
    }

    /// Tokens per place index; places not listed hold zero tokens.
    public typealias Marking = [Int: Int]

    public var name: String
    public var places: [Place] = []
    public var transitions: [Transition] = []
    public var arcs: [Arc] = []
    public var initialMarking: Marking = [:]
    public var finalMarking: Marking = [:]

    public init(name: String = "net") {
        self.name = name
    }

    @discardableResult
    public mutating func addPlace(id: String, name: String? = nil) -> Int {
        places.append(Place(id: id, name: name ?? id))
        return places.count - 1
    }

    @discardableResult
    public mutating func addTransition(id: String, label: String?, name: String? = nil) -> Int {
        transitions.append(Transition(id: id, label: label, name: name ?? label ?? id))
        return transitions.count - 1
    }

    public mutating func addArc(from source: Node, to target: Node, weight: Int = 1) {
        arcs.append(Arc(source: source, target: target, weight: weight))
    }

    /// A place an arc connects to a transition, with the arc's weight.
    public struct WeightedPlace: Hashable, Sendable {
        public var place: Int
        public var weight: Int

        public init(place: Int, weight: Int) {
            self.place = place
            self.weight = weight
        }
    }

    /// Input places of each transition with arc weights: `presets[t]` lists the places `t` consumes from.
    public var presets: [[WeightedPlace]] {
        var result = Array(repeating: [WeightedPlace](), count: transitions.count)
        for arc in arcs {
            if case .place(let p) = arc.source, case .transition(let t) = arc.target {
                result[t].append(WeightedPlace(place: p, weight: arc.weight))
            }
        }
        return result
    }

    /// Output places of each transition with arc weights.
    public var postsets: [[WeightedPlace]] {
        var result = Array(repeating: [WeightedPlace](), count: transitions.count)
        for arc in arcs {
            if case .transition(let t) = arc.source, case .place(let p) = arc.target {
                result[t].append(WeightedPlace(place: p, weight: arc.weight))
            }
        }
        return result
    }
}
