import Foundation

/// Reads process trees from PTML as ProM and PM4Py write it.
///
/// Node elements `sequence`, `xor`, `and`, `xorLoop`, `manualTask` (an activity named by `name`) and
/// `automaticTask` (a silent step); `parentsNode` elements give the children in document order. ProM's
/// three-child loop `xorLoop(do, redo, exit)` becomes `*(do, redo)` when the exit is silent and
/// `->( *(do, redo), exit )` otherwise, as PM4Py imports it.
///
/// ```swift
/// let tree = try PTMLReader().read(contentsOf: URL(fileURLWithPath: "model.ptml"))
/// ```
public struct PTMLReader: Sendable {
    public init() {}

    /// Reads the PTML file at `url`.
    /// - Throws: ``DiscoveryError`` (`.fileNotFound`, `.ioError`, `.malformedXML`,
    ///   `invalidProcessTree`) with the file, line and column of the offending element.
    public func read(contentsOf url: URL) throws -> ProcessTree {
        try read(bytes: DiscoveryFile.read(url), file: url.path)
    }

    /// Reads PTML text.
    public func read(string: String) throws -> ProcessTree {
        try read(bytes: Array(string.utf8), file: nil)
    }

    /// Reads PTML bytes; `file` only labels error locations.
    public func read(bytes: [UInt8], file: String? = nil) throws -> ProcessTree {
        try PTMLTreeBuilder(file: file).read(bytes)
    }
}

/// Builds a tree from the element tree of a PTML document.
private struct PTMLTreeBuilder {
    let file: String?

    func read(_ bytes: [UInt8]) throws -> ProcessTree {
        var xml = XMLTreeReader(bytes: bytes, file: file)
        let root = try xml.readDocument()
        guard root.name == "ptml" else { throw failure("the root element is <\(root.name)>, not <ptml>", root) }
        guard let processTree = root.child("processTree") else { throw failure("the document has no <processTree>", root) }
        guard let rootID = processTree.attributes["root"] else {
            throw failure("<processTree> has no root attribute", processTree)
        }
        var elements: [String: XMLElementNode] = [:]
        var children: [String: [String]] = [:]
        var hasParent: Set<String> = []
        for element in processTree.children {
            if element.name == "parentsNode" {
                guard let source = element.attributes["sourceId"], let target = element.attributes["targetId"] else {
                    throw failure("<parentsNode> needs sourceId and targetId", element)
                }
                guard hasParent.insert(target).inserted else { throw failure("node \(target) has two parents", element) }
                children[source, default: []].append(target)
            } else {
                guard let id = element.attributes["id"] else { throw failure("<\(element.name)> has no id", element) }
                guard elements[id] == nil else { throw failure("duplicate node id \(id)", element) }
                elements[id] = element
            }
        }
        for element in processTree.children where element.name == "parentsNode" {
            for key in ["sourceId", "targetId"] where elements[element.attributes[key]!] == nil {
                throw failure("\(key) \(element.attributes[key]!) names no node", element)
            }
        }
        guard elements[rootID] != nil else { throw failure("the root \(rootID) names no node", processTree) }
        var visiting: Set<String> = []
        return try build(rootID, elements, children, &visiting)
    }

    private func build(_ id: String, _ elements: [String: XMLElementNode], _ children: [String: [String]],
                       _ visiting: inout Set<String>) throws -> ProcessTree {
        let element = elements[id]!
        guard visiting.insert(id).inserted else { throw failure("the parent relation has a cycle at \(id)", element) }
        defer { visiting.remove(id) }
        let kids = try (children[id] ?? []).map { try build($0, elements, children, &visiting) }
        switch element.name {
        case "manualTask":
            guard kids.isEmpty else { throw failure("a task cannot have children", element) }
            return .activity(element.attributes["name"] ?? "")
        case "automaticTask":
            guard kids.isEmpty else { throw failure("a task cannot have children", element) }
            return .silent
        case "sequence": return .sequence(kids)
        case "xor": return .exclusiveChoice(kids)
        case "and": return .parallel(kids)
        case "xorLoop":
            switch kids.count {
            case 2: return .loop(kids)
            case 3: return kids[2].isSilent ? .loop(Array(kids[0..<2])) : .sequence([.loop(Array(kids[0..<2])), kids[2]])
            default: throw failure("<xorLoop> needs 2 or 3 children, not \(kids.count)", element)
            }
        default:
            throw failure("unsupported node <\(element.name)> (supported: sequence, xor, and, xorLoop, manualTask, automaticTask)", element)
        }
    }

    private func failure(_ message: String, _ element: XMLElementNode) -> DiscoveryError {
        DiscoveryError(.invalidProcessTree, message, location: .init(file: file, line: element.line, column: element.column))
    }
}
