import Benchmark
import Explain
import Foundation

/// The shap/XGBoost reference data beside the package (`../shared/reference/shap-bpic2012`), if present.
private let referenceDirectory: URL? = {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/reference/shap-bpic2012")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

let benchmarks: @Sendable () -> Void = {
    featureExtractionBenchmarks()
    guard let directory = referenceDirectory,
          let model = try? TreeEnsemble(contentsOfXGBoostJSON: directory.appendingPathComponent("model.json")),
          let table = try? FeatureCSV(contentsOf: directory.appendingPathComponent("X.csv")),
          let targets = try? FeatureCSV(contentsOf: directory.appendingPathComponent("y.csv")) else {
        print("SKIPPED: ../shared/reference/shap-bpic2012 is absent; Explain benchmarks not run")
        return
    }
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(20), maxIterations: 10)

    Benchmark("TreeSHAP path-dependent, BPIC 2012 (13087 rows, 100 trees)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try TreeSHAP(model).explain(table.matrix))
        }
    }
    Benchmark("XGBoost model predict, BPIC 2012 (13087 rows)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(model.predict(table.matrix))
        }
    }
    Benchmark("GBT training exact, BPIC 2012 (100 trees, depth 6)") { benchmark in
        let trainer = GradientBoostingTrainer(GradientBoostingParameters(treeCount: 100, learningRate: 0.3, maxDepth: 6))
        for _ in benchmark.scaledIterations {
            blackHole(try trainer.fit(table.matrix, targets: targets.matrix.column(0)))
        }
    }
    Benchmark("XGBoost JSON import (100 trees)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try TreeEnsemble(contentsOfXGBoostJSON: directory.appendingPathComponent("model.json")))
        }
    }
}
