import CProcessStats
import Foundation
import ObjectCentric

/// Times one object-centric step on one file, N times, and prints one JSON line:
/// `{"file":…,"step":…,"runs":[seconds…],"best":s,"median":s,"cpuBest":s,"peakRSSMB":m,"events":n,"objects":n}`.
///
/// Usage: `ocel-timer FILE STEP [RUNS]` with STEP one of `import` (read the file), `ocdfg` (the OC-DFG of the
/// loaded log, with durations, as `discover_ocdfg` computes them), `flatten:TYPE` (flatten on TYPE into an
/// EventLog). Only the step is timed, in wall seconds and in CPU seconds of the process (`cpuBest`, which a
/// loaded machine inflates less); `peakRSSMB` is the process's peak RSS.
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: ocel-timer FILE import|ocdfg|flatten:TYPE [RUNS]\n".utf8))
    exit(2)
}
let url = URL(fileURLWithPath: arguments[1])
let step = arguments[2]
let runs = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 1) : 1

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func cpuNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

var seconds: [Double] = []
var cpuSeconds: [Double] = []
var log: ObjectCentricLog
do {
    if step == "import" {
        var last: ObjectCentricLog?
        for _ in 0 ..< runs {
            last = nil
            let start = now(), cpuStart = cpuNow()
            last = try ObjectCentricLog(contentsOf: url)
            seconds.append(Double(now() - start) / 1e9)
            cpuSeconds.append(cpuNow() - cpuStart)
        }
        log = last!
    } else {
        log = try ObjectCentricLog(contentsOf: url)
        for _ in 0 ..< runs {
            let start = now(), cpuStart = cpuNow()
            if step == "ocdfg" {
                let dfg = ObjectCentricDFG(log, performance: true)
                precondition(!dfg.objectTypes.isEmpty)
            } else if step.hasPrefix("flatten:") {
                let flat = try log.flattened(objectType: String(step.dropFirst("flatten:".count)))
                precondition(flat.eventCount > 0)
            } else {
                FileHandle.standardError.write(Data("unknown step \(step)\n".utf8))
                exit(2)
            }
            seconds.append(Double(now() - start) / 1e9)
            cpuSeconds.append(cpuNow() - cpuStart)
        }
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
let sorted = seconds.sorted()
let summary: [String: Any] = [
    "file": url.lastPathComponent, "step": step, "runs": seconds, "best": sorted[0], "median": sorted[sorted.count / 2], "cpuBest": cpuSeconds.min()!,
    "peakRSSMB": Double(tracewise_peak_rss_bytes()) / 1_048_576, "events": log.eventCount, "objects": log.objectCount,
]
let json = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
