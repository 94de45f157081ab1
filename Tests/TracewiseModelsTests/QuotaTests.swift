import Explain
import Packs
import TracewiseHTTPTesting
import TracewiseModels
import XCTest

final class QuotaTests: XCTestCase {
    private final class FixedClock: @unchecked Sendable {
        var now: Double = 1_700_000_000
    }

    func testRequestsPerMinuteAreEnforcedBeforeAnythingIsSent() async throws {
        let fake = try await FakeLLMServer(.openai) { _, _ in .reply("ok") }
        let ledger = TenantQuotaLedger()
        await ledger.setLimits(.init(requestsPerMinute: 2), for: "acme")
        let model = ModelFixtures.model(fake, policy: ModelFixtures.policy(ledger: ledger))
        let request = LanguageModelRequest(messages: [.user("hi")], maxTokens: 10)
        _ = try await model.complete(request)
        _ = try await model.complete(request)
        do {
            _ = try await model.complete(request)
            XCTFail("expected the tenant quota to stop the third call")
        } catch let error as ProviderError {
            XCTAssertEqual(error.kind, .tenantQuotaExceeded)
            XCTAssertTrue(error.description.contains("2 model requests per minute"), error.description)
        }
        XCTAssertEqual(fake.requests.count, 2, "the refused call never reached the provider")
        let other = ModelFixtures.model(fake, policy: ModelFixtures.policy(tenantID: "globex", ledger: ledger))
        _ = try await other.complete(request)
        XCTAssertEqual(fake.requests.count, 3, "another tenant has its own budget")
        try await fake.shutdown()
    }

    func testTokensPerDayCountWhatProvidersReportAndResetAtMidnightUTC() async throws {
        let clock = FixedClock()
        let ledger = TenantQuotaLedger(clock: { clock.now })
        await ledger.setLimits(.init(tokensPerDay: 1_000), for: "acme")
        try await ledger.admit(tenantID: "acme", estimatedTokens: 400)
        await ledger.record(tenantID: "acme", tokens: 700)
        let used = await ledger.tokensUsedToday(tenantID: "acme")
        XCTAssertEqual(used, 700)
        do {
            try await ledger.admit(tenantID: "acme", estimatedTokens: 400)
            XCTFail("700 + 400 exceeds 1000")
        } catch {
            XCTAssertEqual(error.kind, .tenantQuotaExceeded)
        }
        try await ledger.admit(tenantID: "acme", estimatedTokens: 300)
        clock.now += 86_400
        let nextDay = await ledger.tokensUsedToday(tenantID: "acme")
        XCTAssertEqual(nextDay, 0)
        try await ledger.admit(tenantID: "acme", estimatedTokens: 900)
    }

    func testATenantPackConfiguresTheClientsQuota() async throws {
        let fake = try await FakeLLMServer(.anthropic) { _, _ in .reply("ok") }
        var (_, tenant) = try ModelFixtures.financePacks()
        tenant.model = ModelSettings(provider: "anthropic", name: "claude-test", maxTokens: 100, requestsPerMinute: 1)
        let ledger = TenantQuotaLedger()
        let made = try await LanguageModels.make(for: tenant, ledger: ledger,
                                                 environment: ["ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": fake.baseURL])
        let model = try XCTUnwrap(made)
        _ = try await model.complete(LanguageModelRequest(messages: [.user("one")]))
        do {
            _ = try await model.complete(LanguageModelRequest(messages: [.user("two")]))
            XCTFail("expected the quota to refuse")
        } catch let error as ProviderError {
            XCTAssertEqual(error.kind, .tenantQuotaExceeded)
        }
        XCTAssertEqual(fake.requests.count, 1)
        tenant.model = ModelSettings(provider: "none")
        let none = try await LanguageModels.make(for: tenant, ledger: ledger, environment: [:])
        XCTAssertNil(none)
        try await fake.shutdown()
    }
}
