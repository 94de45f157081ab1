import Agents
import Conformance
import Discovery
import EventLog
import Explain
import Foundation
import Packs
import TracewiseTestSupport
import XCTest

/// The lines a newcomer writes first, exactly as the README's quick start shows them: load a log, discover
/// a model with IMf, align the log on it, list the deviations, explain what drives case duration, load the
/// sample process-mining packs and run the governed exception pipeline on what was found.
final class NewcomerTests: XCTestCase {
    func testQuickStartRunsEndToEndOnASmallLog() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("newcomer-\(getpid()).xes")
        defer { try? FileManager.default.removeItem(at: file) }
        try SyntheticLog.generate(events: 3_000, seed: 7).write(to: file)
        let packs = SharedData.packageRoot.appendingPathComponent("Examples/Packs/process-mining")
        let domainPack = packs.appendingPathComponent("domain-pack.yaml")
        let tenantPack = packs.appendingPathComponent("tenant-pack.yaml")

        // The quick start (README.md), line for line (XCTUnwrap where the README force-unwraps the bundle).
        let log = try EventLog(contentsOf: file)
        let net = InductiveMiner(noise: 0.2).discover(from: log).petriNet
        let alignments = try await Alignments().align(log, on: net)
        let deviations = DeviationReport(alignments, log: log)
        let drivers = try DriverAnalysis(log: log, target: .duration)
        let bundle = try XCTUnwrap(PackLoader().loadBundle(domainPackAt: domainPack, tenantPolicyPackAt: tenantPack).pack)
        let counts = CaseDeviations(countsByCase: deviations.deviationCountsByCase)
        let exceptions = ProcessMiningExceptions().exceptions(from: log, deviations: counts, fitness: deviations.fitnessByCase)
        let pipeline = try await ExceptionPipeline(domain: bundle.domain, tenant: bundle.tenant, audit: InMemoryAuditSink())
        let run = await pipeline.run(exceptions, runID: "quick-start")

        XCTAssertGreaterThan(log.caseCount, 0)
        XCTAssertFalse(net.transitions.isEmpty)
        XCTAssertEqual(alignments.variants.reduce(0) { $0 + $1.cases.count }, log.caseCount)
        XCTAssertLessThanOrEqual(deviations.cases.count, log.caseCount)
        XCTAssertFalse(drivers.global.drivers.isEmpty)
        XCTAssertFalse(exceptions.isEmpty, "the synthetic log has bottlenecks and rework, so mining finds exceptions")
        XCTAssertEqual(run.results.count, exceptions.count)
        XCTAssertEqual(run.runID, "quick-start")
    }
}
