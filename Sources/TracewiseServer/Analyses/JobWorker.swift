import Agents
import Logging
import ServiceLifecycle

/// Takes jobs off the job queue and runs them off the request tasks (`analysis` jobs, computed by the analysis
/// service, exception batches, run by the exception service, and pulls from business systems): `concurrency` loops, each claiming one job
/// at a time under a lease. A ServiceLifecycle service: on graceful shutdown the loops stop claiming and the
/// jobs they hold finish (drain) first; queued jobs wait in the store for the next start.
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
    let name: String
    let logger: Logger

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<max(1, concurrency) {
                group.addTask { await self.loop(worker: "\(self.name)-\(index)") }
            }
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
        case PullService.jobKind:
            await pulls.execute(job, worker: worker)
        default:
            logger.warning("unknown job kind", metadata: ["kind": "\(job.kind)"])
            _ = try? await jobs.fail(job.id, worker: worker, error: "this worker does not run \(job.kind) jobs", retryAfter: .seconds(60))
        }
    }
}
