import Agents
import EventLog
import Explain
import Foundation
import Packs
import TracewiseHTTPTesting
import TracewiseModels
import TracewiseTestSupport
import XCTest

/// The same narrative, pipeline and red-team checks against each provider's fake and the offline default.
final class NarrativeAndPipelineTests: XCTestCase {
    /// The draft the narrator sent (a well-behaved model returns it, grounded in the facts).
    private static func draft(in request: FakeRequest) -> String {
        guard let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              let messages = body["messages"] as? [[String: Any]],
              let last = messages.last?["content"] as? String,
              let marker = last.range(of: "DRAFT:", options: .backwards) else { return "" }
        return last[marker.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func facts() -> (Facts, Set<String>) {
        let log = SyntheticLog.generate(events: 3_000, seed: 7)
        let analysis = PerformanceAnalysis(log)
        let facts = Facts(logName: "synthetic", analysis: analysis, bottlenecks: BottleneckRanking(analysis), slaSeconds: 10 * 86_400)
        return (facts, Set(log.activityNames + log.resourceNames))
    }

    /// The models under test: the offline default and each provider's client at its fake.
    private func eachModel(chunkSizes: [Int] = [509, 13, 1021], script: @escaping FakeLLMServer.Script,
                           _ body: (any LanguageModel, FakeLLMServer?) async throws -> Void) async throws {
        try await body(EchoLanguageModel(), nil)
        try await ModelFixtures.withEachFake(chunkSizes: chunkSizes, script: script) { fake in
            try await body(ModelFixtures.model(fake), fake)
        }
    }

    func testGroundedNarrativesArePublishedWithUsage() async throws {
        let (facts, vocabulary) = facts()
        try await eachModel(script: { request, _ in .reply(Self.draft(in: request)) }) { model, fake in
            for role in NarrativeRole.allCases {
                let narrative = try await LLMNarrator(model: model, vocabulary: vocabulary).narrate(facts, for: role)
                XCTAssertNil(narrative.fallbackReason, "\(model.name) \(role)")
                XCTAssertEqual(narrative.text, TemplateNarrator().narrative(for: role, facts: facts).text)
                XCTAssertEqual(narrative.source, fake == nil ? model.name : "\(fake!.provider.rawValue):test-model")
                XCTAssertTrue(narrative.factCheckFailures.isEmpty)
                if fake != nil { XCTAssertGreaterThan(narrative.usage?.inputTokens ?? 0, 0) }
            }
        }
    }

    func testNarrativesWithInventedNumbersFallBackToTheTemplate() async throws {
        let (facts, vocabulary) = facts()
        try await ModelFixtures.withEachFake(chunkSizes: [509, 13, 1021], script: { request, _ in
            .reply(Self.draft(in: request) + "\nCycle time fell by 97.3% last quarter, saving 1234567 hours.")
        }) { fake in
            let narrative = try await LLMNarrator(model: ModelFixtures.model(fake), vocabulary: vocabulary).narrate(facts, for: .coo)
            XCTAssertEqual(narrative.source, "template")
            XCTAssertNotNil(narrative.fallbackReason)
            XCTAssertTrue(narrative.factCheckFailures.contains { $0.contains("97.3") }, "\(narrative.factCheckFailures)")
            XCTAssertTrue(narrative.factCheckFailures.contains { $0.contains("1234567") })
            XCTAssertGreaterThan(narrative.usage?.outputTokens ?? 0, 0, "the tokens were still spent")
        }
        try await ModelFixtures.withEachFake(script: { _, _ in .serverError }) { fake in
            let model = ModelFixtures.model(fake, policy: ModelFixtures.policy(retry: ModelFixtures.quickRetry(attempts: 1)))
            let narrative = try await LLMNarrator(model: model, vocabulary: vocabulary).narrate(facts, for: .ceo)
            XCTAssertEqual(narrative.source, "template")
            XCTAssertTrue(narrative.fallbackReason?.contains("server") == true, narrative.fallbackReason ?? "")
        }
    }

    func testThePipelineTakesOnlyAdviceFromEachProvider() async throws {
        let (domain, tenant) = try ModelFixtures.financePacks()
        let url = SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance/exceptions.json")
        let exceptions = try JSONDecoder().decode([PackValue].self, from: Data(contentsOf: url))
        let offline = try await ExceptionPipeline(domain: domain, tenant: tenant, memory: nil).run(exceptions, runID: "offline")
        let advice = "```json\n{\"explanation\": \"Likely a cut-off miss.\", \"evidence\": [\"similar case last week\"], \"confidence\": 0.9}\n```"
        try await ModelFixtures.withEachFake(chunkSizes: [509, 13, 1021], script: { _, _ in .reply(advice) }) { fake in
            let llm = SafeLLMClient(model: ModelFixtures.model(fake), timeout: .seconds(20))
            let advised = try await ExceptionPipeline(domain: domain, tenant: tenant, memory: nil, llm: llm).run(exceptions, runID: "advised")
            XCTAssertEqual(advised.results.count, offline.results.count)
            for (base, run) in zip(offline.results, advised.results) {
                XCTAssertEqual(run.exception.severity, base.exception.severity, "\(fake.provider)")
                XCTAssertEqual(run.actionability, base.actionability)
                XCTAssertEqual(run.playbookID, base.playbookID)
                XCTAssertLessThanOrEqual(run.confidence, base.confidence + 1e-9)
            }
            let evidence = advised.results.flatMap { $0.decisions.flatMap(\.decision.evidence) }
            XCTAssertTrue(evidence.contains("LLM explanation: Likely a cut-off miss."), "\(fake.provider)")
            XCTAssertGreaterThan(fake.requests.count, 0)
        }
    }

    func testTheRedTeamSuitePassesWithEachProvidersHostileFake() async throws {
        let (domain, tenant) = try ModelFixtures.financePacks()
        let hostile = HostileLanguageModel(domain: domain).reply
        let offline = try await RedTeamSuite.run(domain: domain, tenant: tenant)
        XCTAssertEqual(offline.violations, [])
        try await ModelFixtures.withEachFake(chunkSizes: [509, 13, 1021], script: { _, _ in .reply(hostile) }) { fake in
            let report = try await RedTeamSuite.run(domain: domain, tenant: tenant, model: ModelFixtures.model(fake))
            XCTAssertEqual(report.violations, [], "\(fake.provider)")
            XCTAssertEqual(report.attacks, offline.attacks)
            XCTAssertGreaterThan(fake.requests.count, 0, "the hostile replies were actually served")
        }
    }
}
