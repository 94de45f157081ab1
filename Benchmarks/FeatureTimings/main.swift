import EventLog
import Explain
import Foundation

// Times Tracewise's case-feature extraction (schema fitting + matrix) and performance analysis on one log
// and prints JSON; Benchmarks/peers/features_bench.py runs it beside PM4Py's feature extraction so the
// ratio comes from one run. Import time is excluded on both sides.
// Usage: FeatureTimings LOG [REPEATS]

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: FeatureTimings LOG [REPEATS]\n".utf8))
    exit(2)
}
let repeats = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 5) : 5
do {
    let log = try EventLog(contentsOf: URL(fileURLWithPath: arguments[1]))
    var featureBest = Double.infinity, analysisBest = Double.infinity
    var matrix = FeatureMatrix(names: [], values: [], caseIDs: [])
    for _ in 0..<repeats {
        featureBest = min(featureBest, seconds { matrix = FeatureExtractor(fitting: log).features(log) })
        analysisBest = min(analysisBest, seconds { _ = PerformanceAnalysis(log).report() })
    }
    let result: [String: Double] = [
        "feature_seconds": featureBest, "performance_seconds": analysisBest,
        "rows": Double(matrix.rowCount), "columns": Double(matrix.columnCount),
    ]
    let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
