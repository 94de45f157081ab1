import Agents
import AgentsBenchmarkSupport
import EventLog
import Foundation
import Packs

/// Prints pipeline throughput with the in-memory and the JSONL audit sink, at concurrency 1 and 2: wall-clock
/// exceptions per second, and exceptions per CPU-second (the per-core figure, fair on a shared machine),
/// with the audit bytes per exception and the time to read the audit back (the in-memory sink chains its
/// JSONL then). Each configuration runs once to warm up (allocator, caches), then `RUNS` times on a fresh
/// pipeline and sink, back to back as a service would run batches; the median run is reported. The audit is
/// read back after the last run only, so that building its 70 MB of JSONL does not disturb the runs.
/// Usage: pipeline-throughput [COUNT] [memory|jsonl] [RUNS]
let arguments = Array(CommandLine.arguments.dropFirst())
let count = arguments.first.flatMap(Int.init) ?? 20_000
let sinks = arguments.count > 1 ? [arguments[1]] : ["memory", "jsonl"]
let runs = max(1, arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5)
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

func seconds(since start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// One timed run: wall seconds and CPU seconds, and for the last run the audit bytes and the time to read
/// the audit back.
struct Run {
    var wall: Double
    var cpu: Double
    var auditBytes = 0
    var readBack = 0.0
}

/// A fresh sink for one run, and how to read its audit back.
struct SinkUnderTest {
    var sink: any AuditSink
    var auditBytes: () throws -> Int
    var file: URL?
}

func makeSink(_ kind: String) throws -> SinkUnderTest {
    if kind == "memory" {
        let memory = InMemoryAuditSink()
        return SinkUnderTest(sink: memory, auditBytes: { memory.jsonl.count }, file: nil)
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("throughput-\(UUID().uuidString).jsonl")
    return SinkUnderTest(sink: try JSONLAuditSink(fileURL: file), auditBytes: {
        (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
    }, file: file)
}

func timedRun(_ kind: String, concurrency: Int, readBack: Bool) async throws -> (Run, URL?) {
    let underTest = try makeSink(kind)
    let pipeline = try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant,
                                               options: PipelineOptions(concurrency: concurrency), audit: underTest.sink, memory: nil)
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = cpuSeconds()
    let result = await pipeline.run(batch, runID: "throughput")
    let cpu = cpuSeconds() - cpuStart
    let wall = seconds(since: start)
    precondition(result.results.count == count)
    var run = Run(wall: wall, cpu: cpu)
    if readBack {
        let readStart = DispatchTime.now().uptimeNanoseconds
        run.auditBytes = try underTest.auditBytes()
        run.readBack = seconds(since: readStart)
    }
    return (run, underTest.file)
}

func median(_ values: [Double]) -> Double {
    values.sorted()[values.count / 2]
}

func verifyChain(of file: URL) throws {
    let bytes = Array(try Data(contentsOf: file))
    let verifyStart = DispatchTime.now().uptimeNanoseconds
    let report = AuditVerifier.verify(bytes: bytes)
    let verifySeconds = seconds(since: verifyStart)
    precondition(report.isValid)
    print("  verifying the chain (\(report.validRecords) records, \(bytes.count / 1_000_000) MB, one SHA-256 per line): "
          + "\(String(format: "%.3f", verifySeconds)) s, \(Int(Double(bytes.count) / verifySeconds / 1e6)) MB/s")
    let lines = bytes.split(separator: UInt8(ascii: "\n")).map(Array.init)
    for (name, digest) in [("swift-crypto (the library's)", SHA256.digest), ("hand-written (before issue 12)", HandWrittenSHA256.digest)] {
        let hashStart = DispatchTime.now().uptimeNanoseconds
        _ = digest(bytes)
        let hashSeconds = seconds(since: hashStart)
        let linesStart = DispatchTime.now().uptimeNanoseconds
        var check: UInt8 = 0
        for line in lines { check ^= digest(line)[0] }
        let lineSeconds = seconds(since: linesStart)
        print("  SHA-256 \(name) over the same bytes: \(Int(Double(bytes.count) / hashSeconds / 1e6)) MB/s in one buffer, "
              + "\(Int(Double(bytes.count) / lineSeconds / 1e6)) MB/s line by line "
              + "(\(String(format: "%.1f", lineSeconds / Double(count) * 1e6)) µs per exception) [\(check)]")
    }
}

for concurrency in [1, 2] {
    for kind in ["memory", "jsonl"] where sinks.contains(kind) {
        var measured: [Run] = []
        var lastFile: URL?
        for iteration in 0...runs {
            let (run, file) = try await timedRun(kind, concurrency: concurrency, readBack: iteration == runs)
            if iteration > 0 { measured.append(run) }
            if let lastFile { try? FileManager.default.removeItem(at: lastFile) }
            lastFile = file
        }
        let wall = median(measured.map(\.wall))
        let cpu = median(measured.map(\.cpu))
        let label = kind == "memory" ? "in-memory audit" : "JSONL audit"
        print("\(label), concurrency \(concurrency), median of \(runs): \(Int(Double(count) / wall)) exceptions/s, "
              + "\(Int(Double(count) / cpu)) per CPU-second (\(String(format: "%.1f", cpu / Double(count) * 1e6)) µs), "
              + "\(measured[runs - 1].auditBytes / count) audit bytes per exception, "
              + "audit read back in \(String(format: "%.3f", measured[runs - 1].readBack)) s")
        if let lastFile {
            try verifyChain(of: lastFile)
            try? FileManager.default.removeItem(at: lastFile)
        }
    }
}
