import Benchmark
import Conformance
import Discovery
import EventLog
import Foundation

/// `../shared` beside the package, if present.
private let sharedDirectory: URL? = {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

private func load(_ shared: URL, log: String, reference: String) throws -> (EventLog, PetriNet) {
    let eventLog = try EventLog(contentsOf: shared.appendingPathComponent("datasets/\(log)"))
    let net = try PNMLReader().read(contentsOf: shared.appendingPathComponent("reference/\(reference)/imf.pnml")).net
    return (eventLog, net)
}

let benchmarks: @Sendable () -> Void = {
    guard let shared = sharedDirectory,
          let sepsis = try? load(shared, log: "13_SEPSIS_1t_per_variant.xes.gz", reference: "13_SEPSIS_1t_per_variant"),
          let receipt = try? load(shared, log: "08_receipt.xes.gz", reference: "08_receipt"),
          let bpic = try? load(shared, log: "bpic2012.xes.gz", reference: "bpic2012") else {
        print("SKIPPED: ../shared is absent; Conformance benchmarks not run")
        return
    }
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(20), maxIterations: 5)

    Benchmark("Alignments, Sepsis (846 variants) on its IMf net") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try await Alignments().align(sepsis.0, on: sepsis.1)) }
    }
    Benchmark("Alignments, receipt (116 variants) on its IMf net") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try await Alignments().align(receipt.0, on: receipt.1)) }
    }
    Benchmark("Token-based replay, BPIC 2012 on its IMf net") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try TokenReplay().replay(bpic.0, on: bpic.1)) }
    }
    Benchmark("ETConformance precision, BPIC 2012 on its IMf net") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try ETCPrecision().precision(of: bpic.0, on: bpic.1)) }
    }
}
