import Agents
import Logging
import ServiceLifecycle

/// Takes jobs off the job queue and runs them off the request tasks (`analysis` jobs, computed by the analysis
/// service, exception batches and `exception-resume` jobs, run by the exception service, and pulls from business
/// systems): `concurrency` loops, each claiming one job at a time under a lease. With a work store it also sweeps the
/// approvals when it starts and every `approvalSweep` (overdue requests expire; a decision whose resume job was lost
/// gets one). A ServiceLifecycle service: on graceful shutdown the loops stop claiming and the jobs they hold finish
/// (drain) first; queued jobs wait in the store for the next start.
///
/// ```swift
/// let group = ServiceGroup(services: [app, api.worker], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
/// ```
public struct JobWorker: Service {
    let jobs: any JobQueue
    let analyses: AnalysisService
    let exceptions: ExceptionService
    let pulls: PullService
    let signal: JobSignal
    let concurrency: Int
    let approvalSweep: Duration
    let name: String
    let logger: Logger

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            if await exceptions.hasWorkStore {
                group.addTask { await self.sweepApprovals() }
            }
            for index in 0..<max(1, concurrency) {
                group.addTask { await self.loop(worker: "\(self.name)-\(index)") }
            }
        }
    }

    /// Sweeps the approvals now and every `approvalSweep` until shutdown; a sweep that fails (the store unreachable)
    /// is tried again at the next one.
    private func sweepApprovals() async {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await exceptions.sweepApprovals()
            } catch {
                logger.error("sweeping the approvals failed", metadata: ["error": "\(error)"])
            }
            await cancelWhenGracefulShutdown { try? await Task.sleep(for: approvalSweep) }
        }
    }

    private func loop(worker: String) async {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let claimed: ClaimedJob?
            do {
                claimed = try await jobs.claim(worker: worker, limit: 1, lease: .seconds(300)).first
            } catch {
                logger.error("claiming a job failed", metadata: ["error": "\(error)"])
                claimed = nil
            }
            if let job = claimed {
                await execute(job, worker: worker)
            } else {
                await cancelWhenGracefulShutdown { await signal.wait(timeout: .milliseconds(250)) }
            }
        }
    }

    private func execute(_ job: ClaimedJob, worker: String) async {
        switch job.kind {
        case AnalysisService.jobKind:
            await analyses.execute(job, worker: worker)
        case ExceptionBatchJob.kind:
            await exceptions.execute(job, worker: worker)
        case JobKind.approvalResume:
            do {
                try await exceptions.executeResume(job, worker: worker)
            } catch {
                logger.error("an exception-resume job failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
            }
        case PullService.jobKind:
            await pulls.execute(job, worker: worker)
        default:
            logger.warning("unknown job kind", metadata: ["kind": "\(job.kind)"])
            _ = try? await jobs.fail(job.id, worker: worker, error: "this worker does not run \(job.kind) jobs", retryAfter: .seconds(60))
        }
    }
}
