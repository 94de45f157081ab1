import Benchmark
import EventLog
import Explain
import Foundation

/// BPIC 2012 beside the package (`../shared/datasets/bpic2012.xes.gz`), if present.
private let bpic2012: URL? = {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/datasets/bpic2012.xes.gz")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

/// Case-feature extraction and performance analysis on BPIC 2012 (import excluded). The side-by-side ratio
/// against PM4Py's feature extraction comes from `peers/features_bench.py` with the FeatureTimings executable.
func featureExtractionBenchmarks() {
    guard let url = bpic2012, let log = try? EventLog(contentsOf: url) else {
        print("SKIPPED: ../shared/datasets/bpic2012.xes.gz is absent; feature-extraction benchmarks not run")
        return
    }
    Benchmark("Case features, BPIC 2012 (fit schema + matrix)",
              configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(20), maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(FeatureExtractor(fitting: log).features(log))
        }
    }
    Benchmark("Performance analysis, BPIC 2012 (instances, timing, report)",
              configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(20), maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(PerformanceAnalysis(log).report())
        }
    }
}
