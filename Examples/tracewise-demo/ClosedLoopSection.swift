import Agents
import EventLog
import Foundation
import Packs

/// The closed loop: what mining found in the demo log becomes exceptions of the process-mining pack, which
/// the governed pipeline triages, routes and audits (dry run: no tool is called).
func printClosedLoop(_ log: EventLog) async {
    section("Closed loop: findings → governed exceptions")
    let packs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Packs/process-mining")
    let loaded = PackLoader().loadBundle(domainPackAt: packs.appendingPathComponent("domain-pack.yaml"),
                                         tenantPolicyPackAt: packs.appendingPathComponent("tenant-pack.yaml"))
    guard let bundle = loaded.pack else {
        print("the process-mining sample packs could not be loaded: \(loaded.report.errors.first.map(String.init(describing:)) ?? "unknown")")
        return
    }
    let options = ProcessMiningExceptions.Options(maximumPerType: 10, processName: "order-to-cash")
    let raw = ProcessMiningExceptions(options: options).exceptions(from: log)
    let audit = InMemoryAuditSink()
    do {
        let pipeline = try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant, audit: audit)
        let result = await pipeline.run(raw, runID: "demo-closed-loop")
        printClosedLoopSummary(result)
        let report = AuditVerifier.verify(bytes: audit.jsonl)
        print("audit: \(report.validRecords) hash-chained records, " + (report.isValid ? "verified" : "NOT valid"))
    } catch {
        print("the pipeline could not start: \(error)")
    }
}

private func printClosedLoopSummary(_ result: RunResult) {
    var counts: [String: Int] = [:]
    for outcome in result.results {
        let resolution = outcome.decisions.last { $0.stage == .resolution }.map { " (\($0.decision.decision.rawValue))" } ?? ""
        counts["\(outcome.exception.exceptionType) → \(outcome.exception.resolutionStatus.rawValue)\(resolution)", default: 0] += 1
    }
    print("\(result.results.count) exceptions for tenant \(result.tenantID):")
    for (key, count) in counts.sorted(by: { $0.key < $1.key }) { print("  \(count) × \(key)") }
    guard let example = result.results.first else { return }
    let record = example.exception
    print("example \(record.exceptionID): severity \(record.severity?.rawValue ?? "-"), "
          + "\(example.actionability?.rawValue ?? "-"), playbook \(example.playbookID ?? "none")")
    for line in (record.rawPayload[path: "payload.evidence"]?.arrayValue ?? []).compactMap(\.stringValue) {
        print("  evidence: \(line)")
    }
}
