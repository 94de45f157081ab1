import CProcessStats
import EventLog
import Foundation

/// Times `EventLog(contentsOf:)` on one file, N times, and prints one JSON line:
/// `{"file":…,"runs":[seconds…],"best":s,"median":s,"peakRSSMB":m,"retainedMB":m,"cases":n,"events":n}`.
///
/// Usage: `xes-import-timer FILE [RUNS]`. `retainedMB` is the heap growth while one imported log is
/// held after the first import (glibc `mallinfo2`), i.e. the size of the loaded log; `peakRSSMB` is the
/// process's peak RSS.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: xes-import-timer FILE [RUNS]\n".utf8))
    exit(2)
}
let url = URL(fileURLWithPath: arguments[1])
let runs = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 1) : 1

func heapInUse() -> Int { Int(tracewise_heap_in_use()) }

func peakRSSMegabytes() -> Double { Double(tracewise_peak_rss_bytes()) / 1_048_576 }

var seconds: [Double] = []
var retained = 0
var cases = 0
var events = 0
do {
    for run in 0 ..< runs {
        let before = heapInUse()
        let start = DispatchTime.now().uptimeNanoseconds
        let log = try EventLog(contentsOf: url)
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        if run == 0 { retained = heapInUse() - before }
        cases = log.caseCount
        events = log.eventCount
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
let sorted = seconds.sorted()
let summary: [String: Any] = [
    "file": url.lastPathComponent, "runs": seconds, "best": sorted[0], "median": sorted[sorted.count / 2],
    "peakRSSMB": peakRSSMegabytes(), "retainedMB": Double(retained) / 1_048_576, "cases": cases, "events": events,
]
let json = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
