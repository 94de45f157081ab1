import Conformance
import Discovery
import EventLog
import Foundation

// Times optimal alignments of every variant of one log on one net and prints one JSON line: wall and process
// CPU seconds, variant count, how many finished optimal, the sum of their costs and each variant's cost, so a
// script can compare the costs with PM4Py's and the timings across builds, and the search's totals (states
// visited and queued, linear programs solved) over the optimal variants.
// Usage: alignment-timer LOG NET [--concurrency N] [--profile K]
// --profile K also writes to stderr the K variants that took longest when aligned again one by one (length,
// cost, seconds, states visited and queued, linear programs solved).

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func option(_ name: String) -> Int? {
    guard let index = CommandLine.arguments.firstIndex(of: name), index + 1 < CommandLine.arguments.count else {
        return nil
    }
    return Int(CommandLine.arguments[index + 1])
}

var positional: [String] = []
var index = 1
while index < CommandLine.arguments.count {
    let argument = CommandLine.arguments[index]
    if argument.hasPrefix("--") {
        index += 2
    } else {
        positional.append(argument)
        index += 1
    }
}
guard positional.count == 2 else {
    FileHandle.standardError.write(Data("usage: alignment-timer LOG NET [--concurrency N] [--profile K]\n".utf8))
    exit(2)
}
do {
    let log = try EventLog(contentsOf: URL(fileURLWithPath: positional[0]))
    let net = try PNMLReader().read(contentsOf: URL(fileURLWithPath: positional[1])).net
    var alignments = Alignments()
    if let concurrency = option("--concurrency") { alignments.maximumConcurrency = max(1, concurrency) }
    let started = DispatchTime.now().uptimeNanoseconds
    let cpuStarted = cpuSeconds()
    let result = try await alignments.align(log, on: net)
    let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    let cpu = cpuSeconds() - cpuStarted
    let optimal = result.variants.filter { $0.status == .optimal }
    let output: [String: Any] = [
        "seconds": wall,
        "cpu_seconds": cpu,
        "concurrency": alignments.maximumConcurrency,
        "variants": result.variants.count,
        "optimal": optimal.count,
        "total_cost": optimal.reduce(0) { $0 + ($1.alignment?.cost ?? 0) },
        "costs": result.variants.map { [$0.activities, $0.alignment?.cost as Any] },
        "visited_states": optimal.reduce(0) { $0 + ($1.alignment?.visitedStates ?? 0) },
        "queued_states": optimal.reduce(0) { $0 + ($1.alignment?.queuedStates ?? 0) },
        "linear_programs": optimal.reduce(0) { $0 + ($1.alignment?.solvedLinearPrograms ?? 0) },
    ]
    if let count = option("--profile") {
        var rows: [(seconds: Double, text: String)] = []
        for variant in result.variants {
            let start = DispatchTime.now().uptimeNanoseconds
            let aligned = try Alignments(maximumConcurrency: 1).align(trace: variant.activities, on: net).alignment
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            rows.append((seconds, "length \(variant.activities.count) cost \(aligned?.cost ?? -1) "
                + "visited \(aligned?.visitedStates ?? 0) queued \(aligned?.queuedStates ?? 0) "
                + "LPs \(aligned?.solvedLinearPrograms ?? 0)"))
        }
        var text = "single-threaded total \(rows.reduce(0) { $0 + $1.seconds }) s\n"
        for row in rows.sorted(by: { $0.seconds > $1.seconds }).prefix(count) {
            text += String(format: "  %.3f s  ", row.seconds) + row.text + "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
    let data = try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys])
    FileHandle.standardOutput.write(data + Data("\n".utf8))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
