import Agents
import ArgumentParser
import Foundation

/// `tracewise worker --store STORE [--concurrency N] [--exit-when-idle]`: runs pipeline workers on the store's
/// exception queue; run as many processes, on as many machines, as the database allows. The similar-case memory
/// lives in the store too: what a job remembers commits with its outcome, and every worker sees what the others
/// remembered within `--memory-refresh-ms` (docs/storage.md, "The similar-case memory").
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Take exceptions from a store's queue and run them through the pipeline; prints what it did when it stops.")

    @Option(help: ArgumentHelp("The store: sqlite:PATH or a postgres:// URL.", valueName: "store"))
    var store: StoreLocation

    @Option(help: "Jobs worked on at once by this process.")
    var concurrency: Int = 4

    @Option(name: .customLong("batch-size"), help: "Jobs each of the concurrent loops claims at once and commits in one transaction.")
    var batchSize: Int = 32

    @Flag(name: .customLong("exit-when-idle"), help: "Stop once no job is queued or running (default: run until interrupted).")
    var exitWhenIdle = false

    @Option(name: .customLong("lease-seconds"), help: "How long a claimed job stays leased without a heartbeat.")
    var leaseSeconds: Int = 30

    @Flag(help: "Call the tools (default: dry run — plans are validated and recorded, nothing is sent).")
    var execute = false

    /// Where the workers' similar-case memory lives.
    enum MemoryPlace: String, ExpressibleByArgument, CaseIterable {
        /// In the store: shared by every worker, kept across restarts.
        case store
        /// In this process only: each worker learns alone and forgets on exit.
        case process
    }

    @Option(help: "Where the similar-case memory lives: store (shared by all workers, kept) or process (this worker only).")
    var memory: MemoryPlace = .store

    @Option(name: .customLong("approval-sweep-seconds"),
            help: "How often to expire overdue approval requests (their exceptions resume as escalated); 0: never.")
    var approvalSweepSeconds: Int = 10

    @Option(name: .customLong("memory-refresh-ms"),
            help: "Longest time a similar-case search goes without fetching what other workers remembered.")
    var memoryRefreshMilliseconds: Int = 200

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard leaseSeconds >= 1 else { throw ValidationError("--lease-seconds must be at least 1") }
        guard approvalSweepSeconds >= 0 else { throw ValidationError("--approval-sweep-seconds must not be negative") }
        guard memoryRefreshMilliseconds >= 0 else { throw ValidationError("--memory-refresh-ms must not be negative") }
    }

    func run() async throws {
        let opened = try await store.open()
        defer { opened.close() }
        let workerID = "\(ProcessInfo.processInfo.hostName).\(ProcessInfo.processInfo.processIdentifier)"
        let worker = ExceptionWorker(store: opened.work, workerID: workerID, concurrency: concurrency,
                                     batchSize: batchSize, lease: .seconds(leaseSeconds), executeTools: execute,
                                     memory: memory == .store ? TenantMemory(store: opened.memory, writes: .deferred,
                                                                             refreshInterval: .milliseconds(memoryRefreshMilliseconds))
                                                              : TenantMemory(),
                                     approvalSweep: approvalSweepSeconds > 0 ? .seconds(approvalSweepSeconds) : nil)
        try JSONOutput.print(try await worker.run(exitWhenIdle: exitWhenIdle))
    }
}
