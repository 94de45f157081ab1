import Explain
import Foundation

// Times Tracewise's TreeSHAP and GBT training on the shap/XGBoost reference data and prints JSON;
// Benchmarks/peers/shap_bench.py runs it beside shap and XGBoost so the ratios come from one run.
// Usage: ExplainTimings DIRECTORY [REPEATS]

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: ExplainTimings DIRECTORY [REPEATS]\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[1])
let repeats = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 3) : 3
do {
    let model = try TreeEnsemble(contentsOfXGBoostJSON: directory.appendingPathComponent("model.json"))
    let table = try FeatureCSV(contentsOf: directory.appendingPathComponent("X.csv"))
    let targets = try FeatureCSV(contentsOf: directory.appendingPathComponent("y.csv")).matrix.column(0)

    var shapBest = Double.infinity
    var expectedValue = 0.0
    for _ in 0..<repeats {
        shapBest = min(shapBest, try seconds { expectedValue = try TreeSHAP(model).explain(table.matrix).expectedValue })
    }
    let parameters = GradientBoostingParameters(treeCount: 100, learningRate: 0.3, maxDepth: 6, minChildWeight: 1, lambda: 1)
    var trainBest = Double.infinity
    var trained = model
    for _ in 0..<repeats {
        trainBest = min(trainBest, try seconds { trained = try GradientBoostingTrainer(parameters).fit(table.matrix, targets: targets) })
    }
    let predictions = trained.predict(table.matrix)
    let mse = zip(predictions, targets).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(targets.count)
    let result: [String: Double] = [
        "treeshap_seconds": shapBest, "gbt_train_seconds": trainBest, "gbt_train_mse": mse,
        "expected_value": expectedValue, "rows": Double(table.matrix.rowCount),
    ]
    let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
