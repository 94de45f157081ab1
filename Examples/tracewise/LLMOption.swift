import ArgumentParser
import Explain
import Foundation
import TracewiseModels

/// `--llm PROVIDER:MODEL`, shared by the commands with advisory or narrative model output. Without it a
/// command stays offline and deterministic. Endpoints and keys come from the environment
/// (`OPENAI_BASE_URL`, `OPENAI_API_KEY`, `ANTHROPIC_BASE_URL`, `ANTHROPIC_API_KEY`, `OLLAMA_HOST`).
struct LLMOption: ParsableArguments {
    @Option(name: .customLong("llm"),
            help: "A language model as openai:MODEL, anthropic:MODEL or ollama:MODEL (default: offline template text).")
    var llm: String?

    func validate() throws {
        guard let llm else { return }
        do {
            _ = try ModelSelection(parsing: llm)
        } catch {
            throw ValidationError(error.detail)
        }
    }

    /// The selected client, or nil for offline.
    /// - Throws: `ProviderError` (`authentication`) when the provider's key variable is unset.
    func model() throws -> (any LanguageModel)? {
        guard let llm else { return nil }
        return try LanguageModels.make(ModelSelection(parsing: llm))
    }
}
