import Benchmark
import EventLog
import Foundation

/// `../shared/datasets/<name>` beside the package root, when present.
private func sharedDataset(_ name: String) -> URL? {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/datasets/\(name)")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}

/// A flat log of `cases` × 10 events with activity, timestamp, resource and one int attribute.
private func builtLog(cases: Int) -> EventLog {
    var builder = EventLogBuilder()
    for c in 0 ..< cases {
        builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("case-\(c)"))])
        for e in 0 ..< 10 {
            builder.addEvent(activity: "a\(e)", timestamp: Timestamp(microseconds: Int64(c * 10 + e) * 1_000_000, utcOffsetMinutes: 60),
                             resource: "r\(e % 3)", attributes: [Attribute(key: "cost", value: .int(Int64(e)))])
        }
    }
    return builder.build()
}

let benchmarks: @Sendable () -> Void = {
    syntheticThroughputBenchmarks()
    let slow = Benchmark.Configuration(metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
                                       maxDuration: .seconds(15), maxIterations: 5)

    Benchmark("EventLogBuilder 100k events") { benchmark in
        for _ in benchmark.scaledIterations {
            var builder = EventLogBuilder()
            for c in 0..<10_000 {
                builder.startTrace()
                for e in 0..<10 {
                    builder.addEvent(activity: "a\(e)", timestamp: Timestamp(microseconds: Int64(c * 10 + e)))
                }
            }
            blackHole(builder.build())
        }
    }

    if let bpic = sharedDataset("bpic2012.xes.gz") {
        Benchmark("XES import bpic2012.xes.gz", configuration: slow) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try EventLog(contentsOf: bpic))
            }
        }
    }

    for events in [1_000_000, 10_000_000] {
        let name = events == 1_000_000 ? "1M" : "10M"
        let once = Benchmark.Configuration(metrics: [.wallClock, .throughput, .peakMemoryResident],
                                           maxDuration: .seconds(120), maxIterations: events > 1_000_000 ? 1 : 3)
        Benchmark("Synthetic \(name) events: XES .gz export then import", configuration: once) { benchmark in
            let log = SyntheticLog.generate(events: events, seed: 7)
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-bench-\(name).xes.gz")
            defer { try? FileManager.default.removeItem(at: url) }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                try log.write(to: url)
                blackHole(try EventLog(contentsOf: url))
            }
            benchmark.stopMeasurement()
        }
    }

    let million = builtLog(cases: 100_000)
    let millionXES = (try? XESWriter().bytes(million)) ?? []
    Benchmark("XES export 1M events", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try XESWriter().bytes(million))
        }
    }
    Benchmark("XES import 1M events (from memory)", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try XESReader().read(bytes: millionXES).log)
        }
    }
}
