import Agents
import EventLog
import AgentsBenchmarkSupport
import Foundation
import Packs

/// Prints pipeline throughput with the in-memory and the JSONL audit sink, at concurrency 1 and 2: wall-clock
/// exceptions per second, and exceptions per CPU-second (the per-core figure, fair on a shared machine),
/// with the audit bytes per exception and the time to read the audit back (the in-memory sink chains its
/// JSONL then). Usage: pipeline-throughput [COUNT] [memory|jsonl]
let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20_000
let sinks = CommandLine.arguments.dropFirst(2).first.map { [$0] } ?? ["memory", "jsonl"]
let bundle = try PipelineWorkload.bundle()
let batch = PipelineWorkload.exceptions(count, from: bundle)

#if os(Linux)
let RUSAGE_SELF_WHO = Int32(RUSAGE_SELF.rawValue)
#else
let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF_WHO, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func measure(_ label: String, concurrency: Int, audit: any AuditSink, auditBytes: () async throws -> Int) async throws {
    let pipeline = try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant,
                                               options: PipelineOptions(concurrency: concurrency), audit: audit, memory: nil)
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = cpuSeconds()
    let result = await pipeline.run(batch, runId: "throughput")
    let cpu = cpuSeconds() - cpuStart
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    precondition(result.results.count == count)
    let readStart = DispatchTime.now().uptimeNanoseconds
    let bytes = try await auditBytes()
    let readSeconds = Double(DispatchTime.now().uptimeNanoseconds - readStart) / 1e9
    print("\(label), concurrency \(concurrency): \(Int(Double(count) / seconds)) exceptions/s, "
          + "\(Int(Double(count) / cpu)) per CPU-second, \(bytes / count) audit bytes per exception, "
          + "audit read back in \(String(format: "%.3f", readSeconds)) s")
}

for concurrency in [1, 2] {
    if sinks.contains("memory") {
        let memory = InMemoryAuditSink()
        try await measure("in-memory audit", concurrency: concurrency, audit: memory) { await memory.jsonl.count }
    }
    guard sinks.contains("jsonl") else { continue }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("throughput-\(UUID().uuidString).jsonl")
    try await measure("JSONL audit", concurrency: concurrency, audit: try JSONLAuditSink(fileURL: file)) {
        (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
    }
    let bytes = Array(try Data(contentsOf: file))
    let verifyStart = DispatchTime.now().uptimeNanoseconds
    let report = AuditVerifier.verify(bytes: bytes)
    let verifySeconds = Double(DispatchTime.now().uptimeNanoseconds - verifyStart) / 1e9
    precondition(report.isValid)
    print("  verifying the chain (\(report.validRecords) records, \(bytes.count / 1_000_000) MB, one SHA-256 per line): "
          + "\(String(format: "%.3f", verifySeconds)) s, \(Int(Double(bytes.count) / verifySeconds / 1e6)) MB/s")
    let hashStart = DispatchTime.now().uptimeNanoseconds
    _ = SHA256.digest(bytes)
    let hashSeconds = Double(DispatchTime.now().uptimeNanoseconds - hashStart) / 1e9
    print("  SHA-256 alone over the same bytes: \(Int(Double(bytes.count) / hashSeconds / 1e6)) MB/s, "
          + "\(String(format: "%.1f", hashSeconds / Double(count) * 1e6)) µs per exception")
    try? FileManager.default.removeItem(at: file)
}
