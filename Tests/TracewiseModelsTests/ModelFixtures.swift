import Agents
import Explain
import Foundation
import Packs
import TracewiseHTTP
import TracewiseHTTPTesting
import TracewiseModels
import TracewiseTestSupport
import XCTest

/// Provider clients pointed at loopback fakes, with retry waits shortened so tests run fast.
enum ModelFixtures {
    /// A key the tests check never appears in an error description or in what the fake logs.
    static let secret = "sk-test-DO-NOT-LEAK-1234567890"

    static func provider(_ fake: FakeLLMProvider) -> ModelProvider {
        ModelProvider(rawValue: fake.rawValue)!
    }

    /// Retries with millisecond waits (the policy's logic is unchanged, only the clock is faster).
    static func quickRetry(attempts: Int = 3, deadline: Duration = .seconds(20)) -> HTTPRetryPolicy {
        HTTPRetryPolicy(maxAttempts: attempts, initialDelay: .milliseconds(5), maxDelay: .milliseconds(20), totalDeadline: deadline,
                    maxHonouredServerDelay: .seconds(2))
    }

    static func policy(tenantID: String = "acme", redactor: Redactor = .standard, ledger: TenantQuotaLedger? = nil,
                       retry: HTTPRetryPolicy = quickRetry(), headTimeout: Duration = .seconds(15)) -> ModelCallPolicy {
        ModelCallPolicy(tenantID: tenantID, redactor: redactor, ledger: ledger, retry: retry, headTimeout: headTimeout)
    }

    static func model(_ fake: FakeLLMServer, name: String = "test-model", policy: ModelCallPolicy = policy()) -> any StreamingLanguageModel {
        let provider = provider(fake.provider)
        let configuration = ProviderConfiguration(provider: provider, baseURL: fake.baseURL,
                                                  apiKey: provider == .ollama ? nil : APIKey(secret))
        return LanguageModels.make(ModelSelection(provider: provider, model: name), configuration: configuration, policy: policy)
    }

    /// The sample finance packs shipped in Examples/Packs.
    static func financePacks() throws -> (domain: DomainPack, tenant: TenantPolicyPack) {
        let folder = SharedData.packageRoot.appendingPathComponent("Examples/Packs/finance")
        let loaded = PackLoader().loadBundle(domainPackAt: folder.appendingPathComponent("domain-pack.yaml"),
                                             tenantPolicyPackAt: folder.appendingPathComponent("tenant-pack.yaml"))
        let bundle = try XCTUnwrap(loaded.pack, "\(loaded.report)")
        return (bundle.domain, bundle.tenant)
    }

    /// Runs `body` with a fake per provider, shutting each down afterwards.
    static func withEachFake(chunkSizes: [Int] = [7, 1, 13, 2, 31, 3], script: @escaping FakeLLMServer.Script,
                             _ body: (FakeLLMServer) async throws -> Void) async throws {
        for provider in FakeLLMProvider.allCases {
            let fake = try await FakeLLMServer(provider, chunkSizes: chunkSizes, script: script)
            do {
                try await body(fake)
            } catch {
                try? await fake.shutdown()
                throw error
            }
            try await fake.shutdown()
        }
    }
}
