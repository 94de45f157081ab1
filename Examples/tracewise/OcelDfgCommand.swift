import ArgumentParser
import Foundation
import ObjectCentric

/// `tracewise ocel dfg FILE [--format json|text] [--svg OUT.svg]`: the object-centric DFG per object type.
/// The JSON shape is a contract: `{"objectTypes":{type:{"edges":[{"from","to","eventCouples",
/// "uniqueObjects","totalObjects"}],"startActivities":{name:count},"endActivities":{name:count}}}}`.
struct OcelDfgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dfg",
        abstract: "Print the object-centric directly-follows graph per object type (as PM4Py's discover_ocdfg).")

    @Argument(help: "The OCEL file (.jsonocel, .xmlocel, .sqlite; OCEL 1.0 JSON/XML too).")
    var file: String

    @OptionGroup var output: FormatOptions

    @Option(help: "Also write the OC-DFG as a self-contained SVG (one colour per object type) to this file.")
    var svg: String?

    struct Edge: Encodable {
        var from: String
        var to: String
        var eventCouples: Int
        var uniqueObjects: Int
        var totalObjects: Int
    }

    struct TypeGraph: Encodable {
        var edges: [Edge]
        var startActivities: [String: Int]
        var endActivities: [String: Int]
    }

    struct Graph: Encodable {
        var objectTypes: [String: TypeGraph]
    }

    func run() throws {
        let dfg = ObjectCentricDFG(try OcelInput.load(file))
        if let svg { try OutputFile.write(dfg.svg(), to: svg) }
        let names = dfg.activities
        func named(_ counts: [Int32: Int]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: counts.map { (names[Int($0.key)], $0.value) })
        }
        var graph = Graph(objectTypes: [:])
        for t in dfg.objectTypes {
            graph.objectTypes[t.name] = TypeGraph(
                edges: t.edges.map { Edge(from: names[Int($0.from)], to: names[Int($0.to)], eventCouples: $0.eventCouples,
                                          uniqueObjects: $0.uniqueObjects, totalObjects: $0.totalObjects) },
                startActivities: named(t.startActivities), endActivities: named(t.endActivities))
        }
        switch output.format {
        case .json: try JSONOutput.print(graph)
        case .text:
            var text = ""
            for (name, t) in graph.objectTypes.sorted(by: { $0.key < $1.key }) {
                text += "\(name):\n"
                for e in t.edges { text += "  \(e.from) → \(e.to)  couples \(e.eventCouples), objects \(e.uniqueObjects), total \(e.totalObjects)\n" }
            }
            print(text, terminator: "")
        }
    }
}
