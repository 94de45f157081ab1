import Benchmark
import EventLog
import Foundation

/// Throughput on a 10-million-event synthetic order-to-cash log: generation, CSV and XES export and import.
///
/// Each benchmark prepares its input outside the measured section (`startMeasurement`), so the figures
/// are for the named step only. Files go to a temporary directory and are removed afterwards.
func syntheticThroughputBenchmarks() {
    let events = 10_000_000
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        maxDuration: .seconds(120), maxIterations: 3)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-synthetic-bench")

    func prepared(_ name: String, write: (EventLog, URL) throws -> Void) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: url.path) {
            try write(SyntheticLog.generate(events: events, seed: 1), url)
        }
        return url
    }

    Benchmark("Synthetic generate 10M events", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SyntheticLog.generate(events: events, seed: 1))
        }
    }

    Benchmark("Synthetic CSV export 10M events", configuration: configuration) { benchmark in
        let log = SyntheticLog.generate(events: events, seed: 1)
        let url = directory.appendingPathComponent("export.csv")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try CSVWriter().write(log, to: url)
        }
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(at: url)
    }

    Benchmark("Synthetic CSV import 10M events", configuration: configuration) { benchmark in
        let url = try prepared("input.csv") { try CSVWriter().write($0, to: $1) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try CSVReader().read(contentsOf: url).log)
        }
        benchmark.stopMeasurement()
    }

    Benchmark("Synthetic XES export 10M events", configuration: configuration) { benchmark in
        let log = SyntheticLog.generate(events: events, seed: 1)
        let url = directory.appendingPathComponent("export.xes")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try XESWriter().write(log, to: url)
        }
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(at: url)
    }

    Benchmark("Synthetic XES import 10M events", configuration: configuration) { benchmark in
        let url = try prepared("input.xes") { try XESWriter().write($0, to: $1) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try EventLog(contentsOf: url))
        }
        benchmark.stopMeasurement()
    }

    Benchmark("Statistics 10M events", configuration: configuration) { benchmark in
        let log = SyntheticLog.generate(events: events, seed: 1)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(LogStatistics(log))
        }
        benchmark.stopMeasurement()
    }
}
