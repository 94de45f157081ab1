import Agents
import Foundation
import TracewiseHTTPTesting
import TracewiseModels
import XCTest

final class EmbeddingTests: XCTestCase {
    private func openai(_ fake: FakeLLMServer, dimensions: Int = 16, encoding: OpenAIEmbeddingProvider.Encoding = .float,
                        batchSize: Int = 256, cache: EmbeddingCache = EmbeddingCache()) -> OpenAIEmbeddingProvider {
        OpenAIEmbeddingProvider(model: "text-embedding-3-small", dimensions: dimensions,
                                configuration: ProviderConfiguration(provider: .openai, baseURL: fake.baseURL, apiKey: APIKey(ModelFixtures.secret)),
                                policy: ModelFixtures.policy(), encoding: encoding, batchSize: batchSize, cache: cache)
    }

    func testFloatAndBase64EncodingsGiveTheSameVectorsWithTheRequestedDimensions() async throws {
        let fake = try await FakeLLMServer(.openai) { _, _ in .reply("") }
        let texts = ["settlement failed", "position break", "cash mismatch"]
        let floats = try await openai(fake, encoding: .float).embed(texts)
        let base64 = try await openai(fake, encoding: .base64).embed(texts)
        XCTAssertEqual(floats.count, 3)
        XCTAssertTrue(floats.allSatisfy { $0.count == 16 })
        for (a, b) in zip(floats, base64) {
            for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-6) }
        }
        let bodies = fake.requests.map(\.bodyText)
        XCTAssertTrue(bodies[0].contains(#""encoding_format":"float""#))
        XCTAssertTrue(bodies[1].contains(#""encoding_format":"base64""#))
        XCTAssertTrue(bodies.allSatisfy { $0.contains(#""dimensions":16"#) })
        try await fake.shutdown()
    }

    func testBatchingAndTheBoundedCache() async throws {
        let fake = try await FakeLLMServer(.openai) { _, _ in .reply("") }
        let cache = EmbeddingCache(capacity: 4)
        let provider = openai(fake, batchSize: 2, cache: cache)
        let texts = (1...5).map { "case \($0)" }
        _ = try await provider.embed(texts)
        XCTAssertEqual(fake.requests.count, 3, "5 texts in batches of 2")
        let count = await cache.count
        XCTAssertEqual(count, 4, "the cache keeps at most its capacity")
        _ = try await provider.embed(["case 5", "case 4"])
        XCTAssertEqual(fake.requests.count, 3, "cached texts are not sent again")
        let single = try await provider.embed("case 5")
        XCTAssertEqual(single.count, 16)
        XCTAssertEqual(fake.requests.count, 3)
        try await fake.shutdown()
    }

    func testAWrongDimensionIsATypedError() async throws {
        let fake = try await FakeLLMServer(.ollama) { _, _ in .reply("") }
        let provider = OllamaEmbeddingProvider(model: "nomic-embed-text", dimensions: 12,
                                               configuration: ProviderConfiguration(provider: .ollama, baseURL: fake.baseURL),
                                               policy: ModelFixtures.policy())
        let vectors = try await provider.embed(["a b c", "d e f"])
        XCTAssertEqual(vectors.map(\.count), [12, 12])
        XCTAssertTrue(try XCTUnwrap(fake.requests.first).bodyText.contains(#""input":["a b c","d e f"]"#))
        let openaiFake = try await FakeLLMServer(.openai) { _, _ in .reply("") }
        let mismatched = OpenAIEmbeddingProvider(model: "ada", dimensions: 12,
                                                 configuration: ProviderConfiguration(provider: .openai, baseURL: openaiFake.baseURL),
                                                 policy: ModelFixtures.policy(), sendsDimensions: false)
        do {
            _ = try await mismatched.embed("x")
            XCTFail("the fake answers 8 dimensions when none are asked for")
        } catch let error as ProviderError {
            XCTAssertEqual(error.kind, .invalidResponse)
            XCTAssertTrue(error.description.contains("expected 12"), error.description)
        }
        try await fake.shutdown()
        try await openaiFake.shutdown()
    }

    func testTenantMemoryWorksWithEachProviderAndKeepsTenantsApart() async throws {
        for provider in [FakeLLMProvider.openai, .ollama] {
            let fake = try await FakeLLMServer(provider) { _, _ in .reply("") }
            let configuration = ProviderConfiguration(provider: ModelFixtures.provider(provider), baseURL: fake.baseURL)
            let embedding: any EmbeddingProvider = provider == .openai
                ? OpenAIEmbeddingProvider(model: "e", dimensions: 64, configuration: configuration, policy: ModelFixtures.policy())
                : OllamaEmbeddingProvider(model: "e", dimensions: 64, configuration: configuration, policy: ModelFixtures.policy())
            let memory = TenantMemory(embedding: embedding)
            try await memory.remember(MemoryEntry(id: "a1", tenantID: "acme", text: "settlement failed for trade T-1"))
            try await memory.remember(MemoryEntry(id: "a2", tenantID: "acme", text: "cash reconciliation mismatch"))
            try await memory.remember(MemoryEntry(id: "g1", tenantID: "globex", text: "settlement failed for trade T-9"))
            let hits = try await memory.search(tenantID: "acme", text: "settlement failed", k: 5)
            XCTAssertEqual(hits.first?.entry.id, "a1", "\(provider)")
            XCTAssertTrue(hits.allSatisfy { $0.entry.tenantID == "acme" }, "another tenant's case leaked")
            let other = try await memory.search(tenantID: "globex", text: "settlement failed", k: 5)
            XCTAssertEqual(other.map(\.entry.id), ["g1"])
            try await fake.shutdown()
        }
    }
}
