import Foundation
import TracewiseSupport

/// Writes process trees as PTML documents (UTF-8), loadable by ProM and PM4Py. Loops are written with
/// ProM's three children, a silent exit added; a loop with several redo children gets them under one `xor`.
///
/// ```swift
/// try PTMLWriter().write(tree, to: URL(fileURLWithPath: "model.ptml"))
/// ```
public struct PTMLWriter: Sendable {
    public init() {}

    /// The PTML text of `tree`.
    public func string(for tree: ProcessTree) -> String {
        var builder = PTMLDocumentBuilder()
        let root = builder.add(tree)
        return builder.document(root: root)
    }

    /// Writes the PTML text of `tree` to `url`.
    /// - Throws: ``DiscoveryError`` `.ioError` when the file cannot be written.
    public func write(_ tree: ProcessTree, to url: URL) throws {
        try DiscoveryFile.write(string(for: tree), to: url)
    }
}

/// Writes a tree as PTML: node elements first, then the parent links, ids as UUIDs (ProM expects them).
private struct PTMLDocumentBuilder {
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
