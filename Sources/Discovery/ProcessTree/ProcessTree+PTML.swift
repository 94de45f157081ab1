import Foundation

extension ProcessTree {
    /// Reads a process tree from a PTML file as ProM and PM4Py write it.
    ///
    /// ```swift
    /// let tree = try ProcessTree(ptmlContentsOf: URL(fileURLWithPath: "model.ptml"))
    /// ```
    /// - Throws: ``DiscoveryError`` (`.fileNotFound`, `.ioError`, `.malformedXML`, ``DiscoveryError/Code/invalidProcessTree``)
    ///   with the file, line and column of the offending element.
    public init(ptmlContentsOf url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DiscoveryError(.fileNotFound, "no such file", location: .init(file: url.path))
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DiscoveryError(.ioError, "cannot read the file: \(error.localizedDescription)", location: .init(file: url.path))
        }
        self = try PTMLReader(file: url.path).read([UInt8](data))
    }

    /// Reads a process tree from PTML text.
    ///
    /// Node elements `sequence`, `xor`, `and`, `xorLoop`, `manualTask` (an activity named by `name`) and
    /// `automaticTask` (a silent step); `parentsNode` elements give the children in document order. ProM's
    /// three-child loop `xorLoop(do, redo, exit)` becomes `*(do, redo)` when the exit is silent and
    /// `->( *(do, redo), exit )` otherwise, as PM4Py imports it.
    public init(ptml: String) throws {
        self = try PTMLReader(file: nil).read(Array(ptml.utf8))
    }

    /// The tree as a PTML document (UTF-8), loadable by ProM and PM4Py. Loops are written with ProM's
    /// three children, a silent exit added; a loop with several redo children gets them under one `xor`.
    public var ptml: String {
        var writer = PTMLWriter()
        let root = writer.add(self)
        return writer.document(root: root)
    }

    /// Writes ``ptml`` to `url`.
    /// - Throws: ``DiscoveryError`` `.ioError` when the file cannot be written.
    public func writePTML(to url: URL) throws {
        do { try Data(ptml.utf8).write(to: url) } catch {
            throw DiscoveryError(.ioError, "cannot write the file: \(error.localizedDescription)", location: .init(file: url.path))
        }
    }
}

/// Builds a tree from the element tree of a PTML document.
private struct PTMLReader {
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

/// Writes a tree as PTML: node elements first, then the parent links, ids as UUIDs (ProM expects them).
private struct PTMLWriter {
    private var nodes = ""
    private var links = ""

    mutating func add(_ tree: ProcessTree) -> String {
        let id = UUID().uuidString.lowercased()
        switch tree {
        case .activity(let label):
            nodes += "<manualTask id=\"\(id)\" name=\"\(XMLEscaping.escape(label))\"/>\n"
        case .silent:
            nodes += "<automaticTask id=\"\(id)\" name=\"\"/>\n"
        case .loop(let children) where children.count == 1:
            return add(children[0])
        case .loop(let children):
            nodes += "<xorLoop id=\"\(id)\" name=\"\"/>\n"
            let redo = children.count == 2 ? children[1] : .exclusiveChoice(Array(children.dropFirst()))
            for child in [children[0], redo, .silent] { link(id, add(child)) }
        case .sequence(let children), .exclusiveChoice(let children), .parallel(let children):
            let tag = tree.operatorSymbol == "->" ? "sequence" : tree.operatorSymbol == "X" ? "xor" : "and"
            nodes += "<\(tag) id=\"\(id)\" name=\"\"/>\n"
            for child in children { link(id, add(child)) }
        }
        return id
    }

    private mutating func link(_ parent: String, _ child: String) {
        links += "<parentsNode id=\"\(UUID().uuidString.lowercased())\" sourceId=\"\(parent)\" targetId=\"\(child)\"/>\n"
    }

    func document(root: String) -> String {
        let id = UUID().uuidString.lowercased()
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ptml>\n"
            + "<processTree id=\"\(id)\" name=\"\(id)\" root=\"\(root)\">\n" + nodes + links + "</processTree>\n</ptml>\n"
    }
}
