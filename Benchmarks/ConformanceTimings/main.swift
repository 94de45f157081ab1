import Conformance
import Discovery
import EventLog
import Foundation

// Times Tracewise's conformance checking on the shared logs and prints JSON (seconds, log-level figures
// and every variant's alignment cost); Benchmarks/peers/conformance.py runs it beside PM4Py so the
// ratios come from one run. Alignments are timed twice: on all cores (`align_LOG_seconds` wall,
// `align_LOG_cpu_seconds` process CPU time) and on one (`align_LOG_single_thread_seconds`), since PM4Py
// aligns on one core.
// Token replay is timed on all cores (`tbr_bpic2012_seconds`, `tbr_bpic2012_cpu_seconds`) and on one
// (`tbr_bpic2012_single_thread_seconds`).
// Usage: ConformanceTimings SHARED_DIRECTORY [REPEATS] [--profile] [--only align|tbr|etc]
// --profile also writes to stderr, per alignment log, the search counters (states visited and queued,
// linear programs solved) in total and for the variants that cost the most, timed one by one.
// --only runs one of the three measurements (alignments, token replay, ETC precision).

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    try await measured(body).wall
}

/// Wall-clock and process CPU (user + system) seconds of `body`.
func measured(_ body: () async throws -> Void) async rethrows -> (wall: Double, cpu: Double) {
    func cpuNow() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = cpuNow()
    try await body()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuNow() - cpuStart)
}

func load(_ shared: URL, _ log: String, _ reference: String) throws -> (EventLog, PetriNet) {
    (try EventLog(contentsOf: shared.appendingPathComponent("datasets/\(log)")),
     try PNMLReader().read(contentsOf: shared.appendingPathComponent("reference/\(reference)/imf.pnml")).net)
}

/// Per-variant search counters and single-threaded time of one log's alignments, to stderr.
func profile(_ name: String, _ log: EventLog, _ net: PetriNet, _ result: AlignmentResult) async throws {
    var rows: [(seconds: Double, visited: Int, queued: Int, lps: Int, length: Int)] = []
    for variant in result.variants {
        var alignment: VariantAlignment?
        let time = try await seconds { alignment = try Alignments().align(trace: variant.activities, on: net) }
        let a = alignment?.alignment
        rows.append((time, a?.visitedStates ?? 0, a?.queuedStates ?? 0, a?.solvedLinearPrograms ?? 0,
                     variant.activities.count))
    }
    func total<T: AdditiveArithmetic>(_ key: KeyPath<(seconds: Double, visited: Int, queued: Int, lps: Int,
                                                      length: Int), T>) -> T {
        rows.reduce(T.zero) { $0 + $1[keyPath: key] }
    }
    var text = "\(name): \(rows.count) variants, single-threaded \(total(\.seconds)) s, visited \(total(\.visited)), "
        + "queued \(total(\.queued)), LPs \(total(\.lps))\n"
    for row in rows.sorted(by: { $0.seconds > $1.seconds }).prefix(8) {
        text += "  \(row.seconds) s  length \(row.length)  visited \(row.visited)  queued \(row.queued)  LPs \(row.lps)\n"
    }
    FileHandle.standardError.write(Data(text.utf8))
}

var arguments = CommandLine.arguments.filter { $0 != "--profile" }
let profiling = CommandLine.arguments.contains("--profile")
let onlyFlag = arguments.firstIndex(of: "--only").flatMap { $0 + 1 < arguments.count ? $0 : nil }
let only = onlyFlag.map { arguments[$0 + 1] }
if let onlyFlag { arguments.removeSubrange(onlyFlag...(onlyFlag + 1)) }
guard arguments.count >= 2, only.map(["align", "tbr", "etc"].contains) ?? true else {
    FileHandle.standardError.write(Data(
        "usage: ConformanceTimings SHARED_DIRECTORY [REPEATS] [--profile] [--only align|tbr|etc]\n".utf8))
    exit(2)
}
func runs(_ measurement: String) -> Bool { only == nil || only == measurement }
let shared = URL(fileURLWithPath: arguments[1])
let repeats = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 1) : 1
do {
    var output: [String: Any] = [:]
    for (name, log, reference) in [("sepsis", "13_SEPSIS_1t_per_variant.xes.gz", "13_SEPSIS_1t_per_variant"),
                                   ("receipt", "08_receipt.xes.gz", "08_receipt")] where runs("align") {
        let (eventLog, net) = try load(shared, log, reference)
        var best = (wall: Double.infinity, cpu: Double.infinity)
        var singleThread = Double.infinity
        var result: AlignmentResult?
        for _ in 0..<repeats {
            let run = try await measured { result = try await Alignments().align(eventLog, on: net) }
            if run.wall < best.wall { best = run }
            singleThread = min(singleThread, try await seconds {
                result = try await Alignments(maximumConcurrency: 1).align(eventLog, on: net)
            })
        }
        output["align_\(name)_seconds"] = best.wall
        output["align_\(name)_cpu_seconds"] = best.cpu
        output["align_\(name)_single_thread_seconds"] = singleThread
        output["align_\(name)_log_fitness"] = result?.logFitness
        output["align_\(name)_costs"] = result?.variants.map { [$0.activities, $0.alignment?.cost as Any] }
        if profiling, let result { try await profile(name, eventLog, net, result) }
    }
    if runs("tbr") || runs("etc") {
        let (bpic, bpicNet) = try load(shared, "bpic2012.xes.gz", "bpic2012")
        var tbrBest = (wall: Double.infinity, cpu: Double.infinity), tbrSingleThread = Double.infinity
        var etcBest = Double.infinity
        var fitness = 0.0, precision = 0.0
        for _ in 0..<repeats {
            if runs("tbr") {
                let run = try await measured { fitness = try TokenReplay().replay(bpic, on: bpicNet).logFitness }
                if run.wall < tbrBest.wall { tbrBest = run }
                tbrSingleThread = min(tbrSingleThread, try await seconds {
                    fitness = try TokenReplay(maximumConcurrency: 1).replay(bpic, on: bpicNet).logFitness
                })
            }
            if runs("etc") {
                etcBest = min(etcBest, try await seconds { precision = try ETCPrecision().precision(of: bpic, on: bpicNet) })
            }
        }
        if runs("tbr") {
            output["tbr_bpic2012_seconds"] = tbrBest.wall
            output["tbr_bpic2012_cpu_seconds"] = tbrBest.cpu
            output["tbr_bpic2012_single_thread_seconds"] = tbrSingleThread
            output["tbr_bpic2012_log_fitness"] = fitness
        }
        if runs("etc") {
            output["etc_bpic2012_seconds"] = etcBest
            output["etc_bpic2012_precision"] = precision
        }
    }
    let data = try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys])
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
