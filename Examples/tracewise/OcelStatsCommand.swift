import ArgumentParser
import Foundation
import ObjectCentric

/// `tracewise ocel stats FILE [--format json|text]`: events, objects, relations, object changes, events
/// per activity and objects per type. The JSON shape is a contract:
/// `{"events","objects","e2o","o2o","objectChanges","activities":{name:count},"objectTypes":{type:count}}`.
struct OcelStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print an object-centric log's counts, events per activity and objects per type.")

    @Argument(help: "The OCEL file (.jsonocel, .xmlocel, .sqlite; OCEL 1.0 JSON/XML too).")
    var file: String

    @OptionGroup var output: FormatOptions

    struct Summary: Encodable {
        var events: Int
        var objects: Int
        var e2o: Int
        var o2o: Int
        var objectChanges: Int
        var activities: [String: Int]
        var objectTypes: [String: Int]
    }

    func run() throws {
        let s = ObjectCentricStatistics(try OcelInput.load(file))
        let summary = Summary(events: s.events, objects: s.objects, e2o: s.e2o, o2o: s.o2o, objectChanges: s.objectChanges,
                              activities: s.activities, objectTypes: s.objectTypes)
        switch output.format {
        case .json: try JSONOutput.print(summary)
        case .text:
            var text = "events: \(s.events)\nobjects: \(s.objects)\ne2o: \(s.e2o)\no2o: \(s.o2o)\nobject changes: \(s.objectChanges)\n"
            text += "\nactivities:\n" + s.activities.sorted { $0.key < $1.key }.map { "  \($0.value)  \($0.key)\n" }.joined()
            text += "\nobject types:\n" + s.objectTypes.sorted { $0.key < $1.key }.map { "  \($0.value)  \($0.key)\n" }.joined()
            print(text, terminator: "")
        }
    }
}
