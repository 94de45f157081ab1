import Explain
import MetricsTestKit
import TracewiseHTTPTesting
import TracewiseModels
import XCTest

/// Usage is reported to swift-metrics per call, labelled by provider and model, for successes and failures.
final class UsageMetricsTests: XCTestCase {
    func testEachCallReportsTokensRequestsAndLatency() async throws {
        let text = "Twelve chars. And more text here."
        try await ModelFixtures.withEachFake(chunkSizes: [509], script: { _, number in number == 1 ? .reply(text) : .invalidRequest }) { fake in
            let metrics = TestMetrics()
            var policy = ModelFixtures.policy()
            policy.metrics = metrics
            let model = ModelFixtures.model(fake, name: "metered", policy: policy)
            let completion = try await model.completion(LanguageModelRequest(messages: [.user("Count my tokens.")]))
            let labels = [("provider", fake.provider.rawValue), ("model", "metered")]
            XCTAssertEqual(try metrics.expectCounter("tracewise_llm_requests_total", labels + [("outcome", "success")]).totalValue, 1)
            XCTAssertEqual(try metrics.expectCounter("tracewise_llm_tokens_total", labels + [("direction", "input")]).totalValue,
                           Int64(completion.summary.usage.inputTokens))
            XCTAssertEqual(try metrics.expectCounter("tracewise_llm_tokens_total", labels + [("direction", "output")]).totalValue,
                           Int64(text.count / 4))
            XCTAssertEqual(try metrics.expectTimer("tracewise_llm_request_duration_seconds", labels).values.count, 1)
            _ = try? await model.complete(LanguageModelRequest(messages: [.user("Fail.")]))
            XCTAssertEqual(try metrics.expectCounter("tracewise_llm_requests_total", labels + [("outcome", "invalidRequest")]).totalValue, 1)
        }
    }
}
