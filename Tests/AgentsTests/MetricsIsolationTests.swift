import Agents
import Packs
import XCTest

final class MetricsIsolationTests: XCTestCase {
    func testEachTenantSeesOnlyItsOwnFiguresAndMemory() async throws {
        let metrics = PipelineMetrics()
        let memory = TenantMemory()
        let acme = try await ExceptionPipeline(domain: PipelineFixtures.domain, tenant: PipelineFixtures.tenant("acme"),
                                               memory: memory, metrics: metrics)
        let globex = try await ExceptionPipeline(domain: PipelineFixtures.domain, tenant: PipelineFixtures.tenant("globex", approved: []),
                                                 memory: memory, metrics: metrics)
        _ = await acme.run([PipelineFixtures.settlement("a1", amount: 10), PipelineFixtures.settlement("a2", amount: 20)], runID: "r")
        _ = await globex.run([PipelineFixtures.settlement("g1", amount: 10)], runID: "r")
        let acmeSummary = metrics.summary(tenantID: "acme")
        let globexSummary = metrics.summary(tenantID: "globex")
        XCTAssertEqual(acmeSummary.exceptions, 2)
        XCTAssertEqual(acmeSummary.byActionability, ["ACTIONABLE_APPROVED_PROCESS": 2])
        XCTAssertEqual(globexSummary.exceptions, 1)
        XCTAssertEqual(globexSummary.byActionability, ["ACTIONABLE_NON_APPROVED_PROCESS": 1])
        let acmeMemory = await memory.count(tenantID: "acme")
        let globexHits = try await memory.search(tenantID: "globex", text: "settlement T-a1", k: 10)
        XCTAssertEqual(acmeMemory, 2)
        XCTAssertEqual(globexHits.map(\.entry.id), ["g1"])
    }
}
