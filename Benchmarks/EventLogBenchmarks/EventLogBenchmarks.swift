import Benchmark
import EventLog

let benchmarks: @Sendable () -> Void = {
    syntheticThroughputBenchmarks()
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
}
