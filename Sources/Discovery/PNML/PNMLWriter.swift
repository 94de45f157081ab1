import Foundation
import TracewiseSupport

/// Writes Petri nets as PNML the way PM4Py does, so that `pm4py.read_pnml` and ProM load them.
///
/// Silent transitions carry `<toolspecific tool="ProM" version="6.4" activity="$invisible$"/>`, arc weights
/// above one an `<inscription>`, and the final marking a `<finalmarkings>` block. Node ids are kept when
/// they are unique and non-empty; otherwise `p_<index>` / `t_<index>` ids are generated.
///
/// ```swift
/// try PNMLWriter().write(net, to: URL(fileURLWithPath: "model.pnml"))
/// ```
public struct PNMLWriter: Sendable {
    public init() {}

    /// The PNML text of `net` with its initial and final marking.
    public func string(for net: PetriNet) -> String {
        let (placeIDs, transitionIDs) = uniqueIDs(for: net)
        var out = "<?xml version='1.0' encoding='UTF-8'?>\n<pnml>\n"
        let netID = net.name.isEmpty ? "net" : net.name
        out += "  <net id=\"\(XMLEscaping.escape(netID))\" type=\"http://www.pnml.org/version-2009/grammar/pnmlcoremodel\">\n"
        out += "    <name>\n      <text>\(XMLEscaping.escape(netID))</text>\n    </name>\n    <page id=\"n0\">\n"
        for (index, place) in net.places.enumerated() {
            out += "      <place id=\"\(XMLEscaping.escape(placeIDs[index]))\">\n"
            out += "        <name>\n          <text>\(XMLEscaping.escape(place.name))</text>\n        </name>\n"
            if let tokens = net.initialMarking[index], tokens > 0 {
                out += "        <initialMarking>\n          <text>\(tokens)</text>\n        </initialMarking>\n"
            }
            out += "      </place>\n"
        }
        for (index, transition) in net.transitions.enumerated() {
            out += "      <transition id=\"\(XMLEscaping.escape(transitionIDs[index]))\">\n"
            out += "        <name>\n          <text>\(XMLEscaping.escape(transition.label ?? transition.name))</text>\n        </name>\n"
            if transition.isSilent {
                out += "        <toolspecific tool=\"ProM\" version=\"6.4\" activity=\"$invisible$\" localNodeID=\"\(localNodeID(index))\"/>\n"
            }
            out += "      </transition>\n"
        }
        for (index, arc) in net.arcs.enumerated() {
            let source = id(of: arc.source, placeIDs, transitionIDs), target = id(of: arc.target, placeIDs, transitionIDs)
            let open = "      <arc id=\"a\(index)\" source=\"\(XMLEscaping.escape(source))\" target=\"\(XMLEscaping.escape(target))\""
            if arc.weight > 1 {
                out += open + ">\n        <inscription>\n          <text>\(arc.weight)</text>\n        </inscription>\n      </arc>\n"
            } else {
                out += open + "/>\n"
            }
        }
        out += "    </page>\n"
        let final = net.finalMarking.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        if !final.isEmpty {
            out += "    <finalmarkings>\n      <marking>\n"
            for (place, tokens) in final {
                out += "        <place idref=\"\(XMLEscaping.escape(placeIDs[place]))\">\n          <text>\(tokens)</text>\n        </place>\n"
            }
            out += "      </marking>\n    </finalmarkings>\n"
        }
        out += "  </net>\n</pnml>\n"
        return out
    }

    /// Writes the PNML text of `net` to `url` (UTF-8).
    /// - Throws: ``DiscoveryError`` `.ioError` when the file cannot be written.
    public func write(_ net: PetriNet, to url: URL) throws {
        try DiscoveryFile.write(string(for: net), to: url)
    }

    private func uniqueIDs(for net: PetriNet) -> ([String], [String]) {
        var used = Set<String>()
        func claim(_ id: String, fallback: String) -> String {
            if !id.isEmpty, used.insert(id).inserted { return id }
            var candidate = fallback, suffix = 1
            while !used.insert(candidate).inserted {
                candidate = "\(fallback)_\(suffix)"
                suffix += 1
            }
            return candidate
        }
        let places = net.places.enumerated().map { claim($0.element.id, fallback: "p_\($0.offset)") }
        let transitions = net.transitions.enumerated().map { claim($0.element.id, fallback: "t_\($0.offset)") }
        return (places, transitions)
    }

    private func id(of node: PetriNet.Node, _ placeIDs: [String], _ transitionIDs: [String]) -> String {
        switch node {
        case .place(let p): placeIDs[p]
        case .transition(let t): transitionIDs[t]
        }
    }

    /// A stable UUID-shaped id per transition (ProM expects one; a stable value keeps exports reproducible).
    private func localNodeID(_ index: Int) -> String {
        let hex = String(index, radix: 16)
        let padded = String(repeating: "0", count: max(0, 12 - hex.count)) + hex
        return "00000000-0000-4000-8000-" + padded
    }
}
