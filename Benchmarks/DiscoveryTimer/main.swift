import Discovery
import EventLog
import Foundation

/// Times discovery on one log and prints one JSON line per step:
/// `{"step":"dfg","seconds":[…],"best":s}` for `dfg` (frequency + performance DFG), `im`, `imf` (noise 0.2)
/// and `imd`. The log is imported once and not timed; each step includes its own variant extraction.
///
/// Usage: `discovery-timer LOG [RUNS] [STEPS]` with STEPS a comma list (default `dfg,im,imf`), or
/// `discovery-timer --synthetic EVENTS [RUNS]` to time the DFG and IMd on a generated log of EVENTS events.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: discovery-timer LOG [RUNS] [STEPS] | --synthetic EVENTS [RUNS]\n".utf8))
    exit(2)
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func report(_ step: String, _ runs: [Double], extra: String = "") {
    let list = runs.map { String(format: "%.6f", $0) }.joined(separator: ",")
    print("{\"step\":\"\(step)\",\"seconds\":[\(list)],\"best\":\(String(format: "%.6f", runs.min() ?? 0))\(extra)}")
}

let log: EventLog
var steps = ["dfg", "im", "imf"]
let runs: Int
if arguments[1] == "--synthetic" {
    let events = arguments.count > 2 ? Int(arguments[2]) ?? 10_000_000 : 10_000_000
    runs = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 1) : 1
    log = SyntheticLog.generate(events: events)
    steps = ["dfg", "imd"]
} else {
    do { log = try EventLog(contentsOf: URL(fileURLWithPath: arguments[1])) } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
    runs = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 1) : 1
    if arguments.count > 3 { steps = arguments[3].split(separator: ",").map(String.init) }
}

for step in steps {
    var times: [Double] = []
    var extra = ""
    for _ in 0..<runs {
        switch step {
        case "dfg":
            times.append(seconds {
                let ordered = TimeOrderedActivities(log)
                let dfg = DirectlyFollowsGraph(ordered, activityNames: log.activityNames)
                let performance = PerformanceDirectlyFollowsGraph(ordered, activityNames: log.activityNames)
                extra = ",\"edges\":\(dfg.edges.count),\"timedEdges\":\(performance.edges.count)"
            })
        case "im", "imf":
            let miner = step == "im" ? InductiveMiner() : InductiveMiner(noise: 0.2)
            times.append(seconds { extra = ",\"nodes\":\(miner.discover(from: log).nodeCount)" })
        case "imd":
            times.append(seconds {
                let tree = InductiveMiner(variant: .directlyFollows).discover(from: DirectlyFollowsGraph(log))
                extra = ",\"nodes\":\(tree.nodeCount),\"events\":\(log.eventCount)"
            })
        default:
            FileHandle.standardError.write(Data("unknown step \(step)\n".utf8))
            exit(2)
        }
    }
    report(step, times, extra: extra)
}
