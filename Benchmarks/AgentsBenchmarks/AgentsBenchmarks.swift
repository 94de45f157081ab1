import Agents
import AgentsBenchmarkSupport
import Benchmark
import Foundation
import Packs

let benchmarks: @Sendable () -> Void = {
    let bundle = try! PipelineWorkload.bundle()
    let batch = PipelineWorkload.exceptions(1_000, from: bundle)

    Benchmark("Pipeline 1000 exceptions, in-memory audit", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let pipeline = try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant, audit: InMemoryAuditSink(), memory: nil)
        benchmark.startMeasurement()
        blackHole(await pipeline.run(batch, runID: "bench"))
    }

    Benchmark("Pipeline 1000 exceptions, JSONL audit", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let pipeline = try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant,
                                                   audit: try JSONLAuditSink(fileURL: file), memory: nil)
        benchmark.startMeasurement()
        blackHole(await pipeline.run(batch, runID: "bench"))
    }
}
