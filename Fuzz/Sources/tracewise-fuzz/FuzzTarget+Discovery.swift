import Discovery

extension FuzzTarget {
    /// PNML: a net read is written and read back with the same places, transitions and arcs.
    static let pnml = FuzzTarget(name: "pnml", summary: "PNMLReader; write/read round trip") { bytes in
        guard let document = try? PNMLReader().read(bytes: bytes, file: "fuzz.pnml") else { return }
        let net = document.net
        do {
            let again = try PNMLReader().read(string: PNMLWriter().string(for: net)).net
            invariant(again.places.count == net.places.count && again.transitions.count == net.transitions.count
                      && again.arcs.count == net.arcs.count, "the written net reads back differently")
        } catch {
            fatalError("the written net does not read back: \(error)")
        }
    }

    /// PTML: a tree read is written (`PTMLWriter`) and read back equal.
    static let ptml = FuzzTarget(name: "ptml", summary: "PTMLReader; write/read round trip") { bytes in
        guard let tree = try? PTMLReader().read(string: String(decoding: bytes, as: UTF8.self)) else { return }
        do {
            let again = try PTMLReader().read(string: PTMLWriter().string(for: tree))
            invariant(again == tree, "the written tree reads back as \(again), not \(tree)")
        } catch {
            fatalError("the written tree does not read back: \(error)")
        }
    }
}
