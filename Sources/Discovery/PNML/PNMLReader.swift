import Foundation

/// Reads Petri nets from PNML as PM4Py and ProM write them (the PNML 2009 core model, P/T nets).
///
/// - Places with `<name>` and `<initialMarking>`; transitions whose `<name>` is the label, silent when a
///   `<toolspecific>` says `activity="$invisible$"` (how PM4Py and ProM mark tau); arcs with optional
///   `<inscription>` weights; `<finalmarkings>`. Nodes on nested `<page>`s are flattened into one net.
/// - Only the first `<net>` of a file is read. Reset, inhibitor and read arcs are rejected, not dropped.
/// - Every problem is a ``DiscoveryError`` with the file, line and column of the offending element.
///
/// ```swift
/// let document = try PNMLReader().read(contentsOf: URL(fileURLWithPath: "model.pnml"))
/// print(document.net.places.count, document.net.initialMarking, document.finalMarkings)
/// ```
public struct PNMLReader: Sendable {
    public init() {}

    /// Reads the PNML file at `url`.
    /// - Throws: ``DiscoveryError`` (`.fileNotFound`, `.ioError`, `.malformedXML`, `.notPNML`, `.invalidPNML`,
    ///   `.unsupportedPNML`).
    public func read(contentsOf url: URL) throws -> PNMLDocument {
        try read(bytes: DiscoveryFile.read(url), file: url.path)
    }

    /// Reads PNML text.
    public func read(string: String) throws -> PNMLDocument {
        try read(bytes: Array(string.utf8), file: nil)
    }

    /// Reads PNML bytes; `file` only labels error locations.
    public func read(bytes: [UInt8], file: String? = nil) throws -> PNMLDocument {
        var xml = XMLTreeReader(bytes: bytes, file: file)
        let root = try xml.readDocument()
        var builder = Builder(file: file)
        return try builder.build(root)
    }
}

/// Turns the XML tree of a PNML document into a ``PNMLDocument``.
private struct Builder {
    let file: String?
    var net = PetriNet()
    var placeIndex: [String: Int] = [:]
    var transitionIndex: [String: Int] = [:]
    var arcs: [XMLElementNode] = []

    init(file: String?) { self.file = file }

    mutating func build(_ root: XMLElementNode) throws -> PNMLDocument {
        guard root.name == "pnml" else {
            throw error(.notPNML, "the root element is <\(root.name)>, not <pnml>", at: root)
        }
        guard let netElement = root.child("net") else { throw error(.notPNML, "the document has no <net>", at: root) }
        let id = netElement.attributes["id"] ?? "net"
        net = PetriNet(name: netElement.child("name")?.textChildValue.flatMap { $0.isEmpty ? nil : $0 } ?? id)
        try collectNodes(in: netElement)
        for arc in arcs { try addArc(arc) }
        var finalMarkings: [PetriNet.Marking] = []
        for block in netElement.children("finalmarkings") {
            for marking in block.children("marking") { finalMarkings.append(try readMarking(marking)) }
        }
        let inferred = finalMarkings.isEmpty
        if inferred { finalMarkings = [inferredFinalMarking()] }
        net.finalMarking = finalMarkings[0]
        return PNMLDocument(net: net, finalMarkings: finalMarkings, finalMarkingInferred: inferred)
    }

    private mutating func collectNodes(in container: XMLElementNode) throws {
        for element in container.children {
            switch element.name {
            case "page": try collectNodes(in: element)
            case "place": try addPlace(element)
            case "transition": try addTransition(element)
            case "arc": arcs.append(element)
            case "referencePlace", "referenceTransition":
                throw error(.unsupportedPNML, "modular PNML (<\(element.name)>) is not supported", at: element)
            default: continue
            }
        }
    }

    private mutating func addPlace(_ element: XMLElementNode) throws {
        let id = try nodeID(of: element)
        let index = net.addPlace(id: id, name: name(of: element) ?? id)
        placeIndex[id] = index
        if let marking = element.child("initialMarking") {
            let tokens = try integer(marking.textChildValue ?? marking.text.trimmingXMLWhitespace(), at: marking,
                                     what: "initial marking")
            if tokens > 0 { net.initialMarking[index] = tokens }
        }
    }

    private mutating func addTransition(_ element: XMLElementNode) throws {
        let id = try nodeID(of: element)
        let name = name(of: element) ?? id
        let silent = element.children("toolspecific").contains { $0.attributes["activity"] == "$invisible$" }
        transitionIndex[id] = net.addTransition(id: id, label: silent ? nil : name, name: name)
    }

    private mutating func addArc(_ element: XMLElementNode) throws {
        guard let source = element.attributes["source"], let target = element.attributes["target"] else {
            throw error(.invalidPNML, "an <arc> needs both 'source' and 'target'", at: element)
        }
        if let type = element.child("arctype")?.textChildValue, !type.isEmpty, type != "normal" {
            throw error(.unsupportedPNML, "\(type) arcs are not supported (only normal arcs)", at: element)
        }
        var weight = 1
        if let inscription = element.child("inscription") {
            weight = try integer(inscription.textChildValue ?? "", at: inscription, what: "arc inscription")
            guard weight > 0 else { throw error(.invalidPNML, "arc weight must be positive, got \(weight)", at: inscription) }
        }
        if let p = placeIndex[source], let t = transitionIndex[target] {
            net.addArc(from: .place(p), to: .transition(t), weight: weight)
        } else if let t = transitionIndex[source], let p = placeIndex[target] {
            net.addArc(from: .transition(t), to: .place(p), weight: weight)
        } else {
            let message = !isNode(source) ? "arc source '\(source)' is not a place or transition of the net"
                : !isNode(target) ? "arc target '\(target)' is not a place or transition of the net"
                : "an arc must connect a place and a transition ('\(source)' → '\(target)')"
            throw error(.invalidPNML, message, at: element)
        }
    }

    private func isNode(_ id: String) -> Bool {
        placeIndex[id] != nil || transitionIndex[id] != nil
    }

    private func readMarking(_ element: XMLElementNode) throws -> PetriNet.Marking {
        var marking: PetriNet.Marking = [:]
        for place in element.children("place") {
            guard let ref = place.attributes["idref"], let index = placeIndex[ref] else {
                throw error(.invalidPNML, "final marking refers to unknown place '\(place.attributes["idref"] ?? "")'",
                            at: place)
            }
            let tokens = try integer(place.textChildValue ?? "", at: place, what: "final marking")
            if tokens > 0 { marking[index, default: 0] += tokens }
        }
        return marking
    }

    /// PM4Py's rule for a file without final markings: one token in each place without outgoing arcs.
    private func inferredFinalMarking() -> PetriNet.Marking {
        var hasOutgoing = Array(repeating: false, count: net.places.count)
        for arc in net.arcs { if case .place(let p) = arc.source { hasOutgoing[p] = true } }
        var marking: PetriNet.Marking = [:]
        for p in net.places.indices where !hasOutgoing[p] { marking[p] = 1 }
        return marking
    }

    private func nodeID(of element: XMLElementNode) throws -> String {
        guard let id = element.attributes["id"], !id.isEmpty else {
            throw error(.invalidPNML, "<\(element.name)> has no 'id'", at: element)
        }
        guard placeIndex[id] == nil, transitionIndex[id] == nil else {
            throw error(.invalidPNML, "duplicate node id '\(id)'", at: element)
        }
        return id
    }

    private func name(of element: XMLElementNode) -> String? {
        guard let text = element.child("name")?.child("text")?.text, !text.isEmpty else { return nil }
        return text
    }

    private func integer(_ text: String, at element: XMLElementNode, what: String) throws -> Int {
        guard let value = Int(text), value >= 0 else {
            throw error(.invalidPNML, "\(what) must be a non-negative integer, got '\(text)'", at: element)
        }
        return value
    }

    private func error(_ code: DiscoveryError.Code, _ message: String, at element: XMLElementNode) -> DiscoveryError {
        DiscoveryError(code, message, location: .init(file: file, line: element.line, column: element.column))
    }
}
