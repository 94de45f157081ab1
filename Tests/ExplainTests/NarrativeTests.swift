import EventLog
import Explain
import Foundation
import XCTest

private struct ScriptedModel: LanguageModel {
    let name = "scripted"
    let reply: @Sendable (LanguageModelRequest) -> String
    func complete(_ request: LanguageModelRequest) async throws -> LanguageModelResponse {
        LanguageModelResponse(text: reply(request), model: name)
    }
}

private struct SlowModel: LanguageModel {
    let name = "slow"
    func complete(_ request: LanguageModelRequest) async throws -> LanguageModelResponse {
        try await Task.sleep(nanoseconds: 5_000_000_000)
        return LanguageModelResponse(text: "late", model: name)
    }
}

final class NarrativeTests: XCTestCase {
    private func facts() -> (Facts, Set<String>) {
        let log = ExplainFixtures.simple()
        let analysis = PerformanceAnalysis(log)
        let facts = Facts(
            logName: "fixture", analysis: analysis, bottlenecks: BottleneckRanking(analysis),
            drivers: [Facts.DriverFact(feature: "rework[check]", meanAbsoluteImpact: 1.75, unit: "hours", raisesTargetWhenHigh: true)],
            deviations: [Facts.DeviationFact(label: "log move: check", cases: 1)],
            slaSeconds: 4 * 3600,
            costModel: CostModel(currency: "EUR", costPerWaitingHour: 20, defaultCostPerResourceHour: 50))
        return (facts, Set(log.activityNames + log.resourceNames + ["archive", "zoe"]))
    }

    /// Every number in every template narrative is a rounding of some value held in `Facts`.
    func testEveryTemplateNumberTracesBackToFacts() throws {
        let (facts, _) = facts()
        let allowed = try Self.renderings(of: facts)
        for role in NarrativeRole.allCases {
            let narrative = TemplateNarrator().narrative(for: role, facts: facts)
            XCTAssertFalse(narrative.paragraphs.isEmpty)
            let numbers = Self.numbers(in: narrative.text)
            if role != .cfo { XCTAssertFalse(numbers.isEmpty, "\(role) states no numbers") }
            for token in numbers {
                let number = token.contains(".") ? token : String(Int(token)!)
                XCTAssertTrue(allowed.contains(number), "\(role): \(number) is not a fact in \(narrative.text)")
            }
        }
        let ceo = TemplateNarrator().narrative(for: .ceo, facts: facts)
        XCTAssertEqual(ceo.paragraphs.count, 3)
        XCTAssertEqual(ceo.actions.count, 3)
        XCTAssertTrue(ceo.actions[0].contains("check"))
    }

    func testTemplateValuesAreTheFacts() {
        let (facts, _) = facts()
        // Cycle times 7 h and 3 h; waiting 10 h at EUR 20 per hour.
        XCTAssertEqual(facts.cycleTime.medianSeconds, 5 * 3600)
        XCTAssertEqual(facts.cost?.totalDelayCost, 200)
        XCTAssertEqual(facts.sla?.breaches, 1)
        let cfo = TemplateNarrator().narrative(for: .cfo, facts: facts).text
        XCTAssertTrue(cfo.contains("EUR 200"), cfo)
        XCTAssertTrue(cfo.contains("EUR 100 per case"), cfo)
        let coo = TemplateNarrator().narrative(for: .coo, facts: facts).text
        XCTAssertTrue(coo.contains("1 cases (50.0%)"), coo)
    }

    func testEchoModelPublishesTheCheckedDraft() async throws {
        let (facts, vocabulary) = facts()
        let narrator = LLMNarrator(model: EchoLanguageModel(), vocabulary: vocabulary)
        for role in NarrativeRole.allCases {
            let narrative = try await narrator.narrate(facts, for: role)
            XCTAssertNil(narrative.fallbackReason, "\(role): \(narrative.fallbackReason ?? "")")
            XCTAssertEqual(narrative.source, "tracewise-echo")
            XCTAssertEqual(narrative.text, TemplateNarrator().narrative(for: role, facts: facts).text)
        }
    }

    func testInventedNumberIsRejected() async throws {
        let (facts, vocabulary) = facts()
        let model = ScriptedModel { _ in "Cases wait 42.5 hours before check, costing EUR 200." }
        let narrative = try await LLMNarrator(model: model, vocabulary: vocabulary).narrate(facts, for: .coo)
        XCTAssertEqual(narrative.source, "template")
        XCTAssertTrue(narrative.fallbackReason?.contains("42.5") ?? false, narrative.fallbackReason ?? "nil")
        XCTAssertEqual(narrative.text, TemplateNarrator().narrative(for: .coo, facts: facts).text)
    }

    func testInventedNameIsRejected() async throws {
        let (facts, vocabulary) = facts()
        let unknownActivity = ScriptedModel { _ in "Most waiting happens before archive." }
        let a = try await LLMNarrator(model: unknownActivity, vocabulary: vocabulary).narrate(facts, for: .coo)
        XCTAssertTrue(a.fallbackReason?.contains("archive") ?? false)
        let quoted = ScriptedModel { _ in "Most waiting happens before \"Final approval\"." }
        let b = try await LLMNarrator(model: quoted, vocabulary: vocabulary).narrate(facts, for: .coo)
        XCTAssertTrue(b.fallbackReason?.contains("Final approval") ?? false)
    }

    func testGroundedRewriteIsPublished() async throws {
        let (facts, vocabulary) = facts()
        let model = ScriptedModel { _ in
            "Half of all cases (50%) miss the 4-hour service level.\nCheck waits 5 hours in total; EUR 200 of delay.\n- Reduce waiting before check."
        }
        let narrative = try await LLMNarrator(model: model, vocabulary: vocabulary).narrate(facts, for: .coo)
        XCTAssertNil(narrative.fallbackReason)
        XCTAssertEqual(narrative.source, "scripted")
        XCTAssertEqual(narrative.actions, ["Reduce waiting before check."])
    }

    func testPromptCarriesFactsAndDraft() async throws {
        let (facts, vocabulary) = facts()
        let model = ScriptedModel { request in
            request.messages.count == 2 && request.messages[1].content.contains("\"caseCount\":2")
                && request.messages[1].content.contains("DRAFT:") ? "ok" : "bad 123"
        }
        let narrative = try await LLMNarrator(model: model, vocabulary: vocabulary).narrate(facts, for: .ceo)
        XCTAssertEqual(narrative.paragraphs, ["ok"])
    }

    func testCancellationPropagates() async {
        let (facts, vocabulary) = facts()
        let task = Task { try await LLMNarrator(model: SlowModel(), vocabulary: vocabulary).narrate(facts, for: .ceo) }
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("expected cancellation")
        } catch {
            XCTAssertTrue(error is CancellationError)
        }
    }

    func testEmbeddedModelJSONMode() async throws {
        let reply = try await EchoLanguageModel().complete(LanguageModelRequest(
            messages: [.user("Answer as JSON like {\"a\": [1, \"}\"]} please")], responseFormat: .json))
        XCTAssertEqual(reply.text, "{\"a\": [1, \"}\"]}")
    }

    // MARK: - An independent reading of numbers, for the trace-back test.

    /// Every plain-text rendering (0 or 1 decimals) of every number in the facts, in every unit.
    private static func renderings(of facts: Facts) throws -> Set<String> {
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(facts))
        var values: [Double] = []
        func walk(_ value: Any) {
            if let d = value as? [String: Any] { d.values.forEach(walk) }
            else if let a = value as? [Any] { a.forEach(walk) }
            else if let n = value as? NSNumber { values.append(n.doubleValue) }
            else if let s = value as? String { values += numbers(in: s).compactMap(Double.init) }
        }
        walk(json)
        let factors = [1, 100, 1.0 / 60, 1.0 / 3600, 1.0 / 86_400, 60, 1.0 / 24]
        var out = Set<String>()
        for v in values {
            for f in factors {
                out.insert(String(format: "%.0f", v * f))
                out.insert(String(format: "%.1f", v * f))
            }
        }
        return out
    }

    private static func numbers(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "(?<![A-Za-z_\\[])\\d+(\\.\\d+)?(?!\\d*th percentile)")
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }
}
