import Conformance
import Discovery
import EventLog
import Foundation

// Times Tracewise's conformance checking on the shared logs and prints JSON (seconds, log-level figures
// and every variant's alignment cost); Benchmarks/peers/conformance.py runs it beside PM4Py so the
// ratios come from one run.
// Usage: ConformanceTimings SHARED_DIRECTORY [REPEATS]

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func load(_ shared: URL, _ log: String, _ reference: String) throws -> (EventLog, PetriNet) {
    (try EventLog(contentsOf: shared.appendingPathComponent("datasets/\(log)")),
     try PetriNet(pnmlContentsOf: shared.appendingPathComponent("reference/\(reference)/imf.pnml")))
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: ConformanceTimings SHARED_DIRECTORY [REPEATS]\n".utf8))
    exit(2)
}
let shared = URL(fileURLWithPath: arguments[1])
let repeats = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 1) : 1
do {
    var output: [String: Any] = [:]
    for (name, log, reference) in [("sepsis", "13_SEPSIS_1t_per_variant.xes.gz", "13_SEPSIS_1t_per_variant"),
                                   ("receipt", "08_receipt.xes.gz", "08_receipt")] {
        let (eventLog, net) = try load(shared, log, reference)
        var best = Double.infinity
        var result: AlignmentResult?
        for _ in 0..<repeats {
            best = min(best, try await seconds { result = try await Alignments().align(eventLog, with: net) })
        }
        output["align_\(name)_seconds"] = best
        output["align_\(name)_log_fitness"] = result?.logFitness
        output["align_\(name)_costs"] = result?.variants.map { [$0.activities, $0.alignment?.cost as Any] }
    }
    let (bpic, bpicNet) = try load(shared, "bpic2012.xes.gz", "bpic2012")
    var tbrBest = Double.infinity, etcBest = Double.infinity
    var fitness = 0.0, precision = 0.0
    for _ in 0..<repeats {
        tbrBest = min(tbrBest, try await seconds { fitness = try TokenReplay().replay(bpic, on: bpicNet).logFitness })
        etcBest = min(etcBest, try await seconds { precision = try ETCPrecision().precision(of: bpicNet, on: bpic) })
    }
    output["tbr_bpic2012_seconds"] = tbrBest
    output["tbr_bpic2012_log_fitness"] = fitness
    output["etc_bpic2012_seconds"] = etcBest
    output["etc_bpic2012_precision"] = precision
    let data = try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys])
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
