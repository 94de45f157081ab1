import Agents
import AgentsBenchmarkSupport
import Foundation
import Packs

/// Prints pipeline throughput in exceptions per second, with the in-memory and the JSONL audit sink,
/// at concurrency 1 (per core) and 2 (both cores). Usage: pipeline-throughput [COUNT]
let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20_000
let bundle = try PipelineWorkload.bundle()
let batch = PipelineWorkload.exceptions(count, from: bundle)

func measure(_ label: String, concurrency: Int, audit: any AuditSink) async throws {
    let pipeline = try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant,
                                               options: PipelineOptions(concurrency: concurrency), audit: audit, memory: nil)
    let start = DispatchTime.now().uptimeNanoseconds
    let result = await pipeline.run(batch, runId: "throughput")
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    precondition(result.results.count == count)
    print("\(label), concurrency \(concurrency): \(Int(Double(count) / seconds)) exceptions/s")
}

for concurrency in [1, 2] {
    try await measure("in-memory audit", concurrency: concurrency, audit: InMemoryAuditSink())
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("throughput-\(UUID().uuidString).jsonl")
    try await measure("JSONL audit", concurrency: concurrency, audit: try JSONLAuditSink(fileURL: file))
    try? FileManager.default.removeItem(at: file)
}
