import Foundation

/// Writes process trees as BPMN 2.0 XML documents with diagram interchange (so modelers such as bpmn.io,
/// Camunda or Signavio show them laid out).
///
/// Activities become tasks; exclusive choice and parallel operators become diverging and converging
/// exclusive and parallel gateways; a loop `*(body, redo…)` becomes a converging exclusive gateway before
/// the body and a diverging one after it, from which each redo leads back; silent leaves become plain
/// sequence flows. One start and one end event frame the process.
///
/// ```swift
/// try BPMNWriter(processName: "order-to-cash").write(tree, to: URL(fileURLWithPath: "model.bpmn"))
/// ```
public struct BPMNWriter: Sendable {
    /// The name of the `<process>` element.
    public var processName: String

    public init(processName: String = "process") {
        self.processName = processName
    }

    /// The BPMN XML of `tree`.
    public func string(for tree: ProcessTree) -> String {
        var graph = BPMNGraph()
        let start = graph.add(.startEvent, name: nil)
        let last = graph.connect(tree, from: start)
        let end = graph.add(.endEvent, name: nil)
        graph.flow(last, end)
        return graph.xml(processName: processName)
    }

    /// Writes the BPMN XML of `tree` to `url`.
    /// - Throws: ``DiscoveryError`` `.ioError` when the file cannot be written.
    public func write(_ tree: ProcessTree, to url: URL) throws {
        try DiscoveryFile.write(string(for: tree), to: url)
    }
}
