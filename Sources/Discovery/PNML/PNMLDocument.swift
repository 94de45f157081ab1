/// What a PNML file holds: the Petri net (with its initial marking and first final marking) plus every
/// final marking the file declares.
///
/// PM4Py and ProM write final markings in a `<finalmarkings>` block; a file may declare several (PM4Py
/// merges them; we keep them apart). When a file declares none, the final marking is inferred as PM4Py
/// does: one token in every place without outgoing arcs, and ``finalMarkingInferred`` is set.
public struct PNMLDocument: Hashable, Sendable {
    /// The net; `net.finalMarking` is the first of ``finalMarkings`` (empty when there is none).
    public var net: PetriNet
    /// Every final marking, in file order.
    public var finalMarkings: [PetriNet.Marking]
    /// True when the file declared no final marking and it was inferred from the sink places.
    public var finalMarkingInferred: Bool

    public init(net: PetriNet, finalMarkings: [PetriNet.Marking], finalMarkingInferred: Bool = false) {
        self.net = net
        self.finalMarkings = finalMarkings
        self.finalMarkingInferred = finalMarkingInferred
    }
}
