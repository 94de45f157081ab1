import Discovery
import EventLog
import Foundation

/// Discovery: the process tree the infrequent Inductive Miner finds in the demo log, and its process map as a
/// self-contained SVG written next to where the demo runs (open it in a browser).
func printDiscovery(_ log: EventLog) {
    section("Discovered process (IMf, noise 0.2)")
    print(InductiveMiner(variant: .infrequent(noiseThreshold: 0.2)).discover(from: log).pm4pyText)
    let map = ProcessMap(log: log, activityPercentage: 100, pathPercentage: 60)
    let svg = ProcessMapSVGRenderer(title: "tracewise-demo: generated order-to-cash log").svg(for: map)
    let file = URL(fileURLWithPath: "tracewise-demo-map.svg")
    do {
        try Data(svg.utf8).write(to: file)
        print("process map: \(map.activities.count) activities, \(map.paths.count) of \(map.totalPathCount) paths, "
              + "written to \(file.path)")
    } catch {
        print("the process map could not be written to \(file.path): \(error)")
    }
}
