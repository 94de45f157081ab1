import Foundation
import TracewiseHTTPTesting
import XCTest

/// `tracewise narrate` (the issue 16 contract) offline and against each provider's loopback fake, and
/// `--llm` on `report` and `exceptions run`.
final class NarrateCLITests: XCTestCase {
    /// Runs the binary on its own thread, so the fake server keeps the concurrency pool while it waits.
    private func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CLI.Run {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try CLI.run(arguments, environment: environment) })
            }
        }
    }

    /// The environment that points `provider` at `fake`.
    private func environment(_ fake: FakeLLMServer) -> [String: String] {
        switch fake.provider {
        case .openai: ["OPENAI_BASE_URL": fake.baseURL, "OPENAI_API_KEY": "sk-cli-test"]
        case .anthropic: ["ANTHROPIC_BASE_URL": fake.baseURL, "ANTHROPIC_API_KEY": "sk-cli-test"]
        case .ollama: ["OLLAMA_HOST": fake.baseURL]
        }
    }

    /// The draft the narrator sent (a well-behaved model returns it).
    private static func draft(in request: FakeRequest) -> String {
        guard let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              let last = (body["messages"] as? [[String: Any]])?.last?["content"] as? String,
              let marker = last.range(of: "DRAFT:", options: .backwards) else { return "" }
        return last[marker.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func assertShape(_ object: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(Set(object.keys).isSuperset(of: ["role", "text", "model", "fallback", "factCheck", "usage"]), true,
                       "\(object.keys)", file: file, line: line)
        let factCheck = try XCTUnwrap(object["factCheck"] as? [String: Any], file: file, line: line)
        XCTAssertNotNil(factCheck["passed"] as? Bool, file: file, line: line)
        XCTAssertNotNil(factCheck["failures"] as? [Any], file: file, line: line)
        let usage = try XCTUnwrap(object["usage"] as? [String: Any], file: file, line: line)
        XCTAssertNotNil(usage["inputTokens"] as? Int, file: file, line: line)
        XCTAssertNotNil(usage["outputTokens"] as? Int, file: file, line: line)
    }

    func testOfflineNarrativeIsTheDeterministicTemplate() async throws {
        let fixtures = try CLIFixtures.shared()
        let first = try await run(["narrate", fixtures.log, "--role", "cfo", "--format", "json"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let object = try first.object()
        try assertShape(object)
        XCTAssertEqual(object["role"] as? String, "cfo")
        XCTAssertEqual(object["model"] as? String, "template")
        XCTAssertEqual(object["fallback"] as? Bool, false)
        XCTAssertEqual((object["usage"] as? [String: Any])?["inputTokens"] as? Int, 0)
        let second = try await run(["narrate", fixtures.log, "--role", "cfo", "--format", "json"])
        XCTAssertEqual(first.stdout, second.stdout, "offline output is deterministic")
    }

    func testEachProvidersNarrativeIsFactCheckedAndFallsBackWhenItInvents() async throws {
        let fixtures = try CLIFixtures.shared()
        for provider in FakeLLMProvider.allCases {
            let fake = try await FakeLLMServer(provider, chunkSizes: [509, 13, 1021]) { request, number in
                number == 1 ? .reply(Self.draft(in: request)) : .reply(Self.draft(in: request) + "\nWaiting fell by 97.3%.")
            }
            let llm = "\(provider.rawValue):test-model"
            let grounded = try await run(["narrate", fixtures.log, "--role", "coo", "--llm", llm, "--sla", "864000", "--format", "json"],
                                         environment: environment(fake))
            XCTAssertEqual(grounded.status, 0, grounded.stderr)
            let published = try grounded.object()
            try assertShape(published)
            XCTAssertEqual(published["model"] as? String, llm)
            XCTAssertEqual(published["fallback"] as? Bool, false)
            XCTAssertEqual((published["factCheck"] as? [String: Any])?["passed"] as? Bool, true)
            XCTAssertGreaterThan((published["usage"] as? [String: Any])?["inputTokens"] as? Int ?? 0, 0)

            let invented = try await run(["narrate", fixtures.log, "--role", "coo", "--llm", llm, "--format", "json"],
                                         environment: environment(fake))
            XCTAssertEqual(invented.status, 0, invented.stderr)
            let replaced = try invented.object()
            XCTAssertEqual(replaced["model"] as? String, "template")
            XCTAssertEqual(replaced["fallback"] as? Bool, true)
            let failures = try XCTUnwrap((replaced["factCheck"] as? [String: Any])?["failures"] as? [String])
            XCTAssertTrue(failures.contains { $0.contains("97.3") }, "\(failures)")
            XCTAssertGreaterThan((replaced["usage"] as? [String: Any])?["outputTokens"] as? Int ?? 0, 0)
            XCTAssertEqual(fake.requests.count, 2)
            try await fake.shutdown()
        }
    }

    func testBadSelectionsAndMissingKeys() async throws {
        let fixtures = try CLIFixtures.shared()
        let malformed = try await run(["narrate", fixtures.log, "--role", "coo", "--llm", "gpt-4o"])
        XCTAssertEqual(malformed.status, 2, malformed.stderr)
        XCTAssertTrue(malformed.stderr.contains("PROVIDER:MODEL"), malformed.stderr)
        let noKey = try await run(["narrate", fixtures.log, "--role", "coo", "--llm", "anthropic:claude"],
                                  environment: ["ANTHROPIC_API_KEY": ""])
        XCTAssertEqual(noKey.status, 1)
        XCTAssertTrue(noKey.stderr.contains("ANTHROPIC_API_KEY"), noKey.stderr)
        let badRole = try await run(["narrate", fixtures.log, "--role", "cto"])
        XCTAssertEqual(badRole.status, 2)
    }

    func testReportAndExceptionsRunTakeTheModel() async throws {
        let fixtures = try CLIFixtures.shared()
        let fake = try await FakeLLMServer(.ollama, chunkSizes: [509, 13, 1021]) { request, _ in
            request.bodyText.contains("\"format\"")
                ? .reply(#"{"explanation": "Advice from the fake.", "evidence": [], "confidence": 0.5}"#)
                : .reply(Self.draft(in: request))
        }
        let html = fixtures.path("llm-report.html")
        let report = try await run(["report", fixtures.log, "--html", html, "--llm", "ollama:test-model"], environment: environment(fake))
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertEqual(fake.requests.count, 4, "one narrative per role")
        XCTAssertTrue(try String(contentsOfFile: html, encoding: .utf8).contains("ollama:test-model"))

        let pack = CLIFixtures.pack("finance")
        let run = try await run(["exceptions", "run", "--domain-pack", pack.appendingPathComponent("domain-pack.yaml").path,
                                 "--tenant-pack", pack.appendingPathComponent("tenant-pack.yaml").path,
                                 "--input", pack.appendingPathComponent("exceptions.json").path,
                                 "--audit-dir", fixtures.path("llm-audit"), "--llm", "ollama:test-model", "--format", "json"],
                                environment: environment(fake))
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("LLM explanation: Advice from the fake."))
        try await fake.shutdown()
    }
}
