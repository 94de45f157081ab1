import Benchmark
import Discovery
import EventLog
import Foundation

/// Discovery hot paths: DFG (frequency and performance), IM and IMf on BPIC 2012 when `../shared` is present,
/// and IMd on a synthetic log of one million events (the ten-million-event figure comes from
/// `discovery-timer --synthetic 10000000`, see Benchmarks/peers/discovery.py).
let benchmarks: @Sendable () -> Void = {
    let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/datasets/bpic2012.xes.gz")
    let configuration = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                                maxDuration: .seconds(10), maxIterations: 20)
    if let log = try? EventLog(contentsOf: shared) {
        Benchmark("DFG frequency BPIC 2012", configuration: configuration) { benchmark in
            blackHole(DirectlyFollowsGraph(log))
        }
        Benchmark("DFG performance BPIC 2012", configuration: configuration) { benchmark in
            blackHole(PerformanceDirectlyFollowsGraph(log))
        }
        Benchmark("IM BPIC 2012", configuration: configuration) { benchmark in
            blackHole(InductiveMiner().discover(from: log))
        }
        Benchmark("IMf 0.2 BPIC 2012", configuration: configuration) { benchmark in
            blackHole(InductiveMiner(noise: 0.2).discover(from: log))
        }
    }
    let synthetic = SyntheticLog.generate(events: 1_000_000)
    Benchmark("IMd synthetic 1M events (DFG + IMd)", configuration: configuration) { benchmark in
        blackHole(InductiveMiner(variant: .directlyFollows).discover(from: DirectlyFollowsGraph(synthetic)))
    }
}
