import Explain

/// Stands in for a model a tenant's policy selects but this process cannot reach (its key variable unset, an
/// unknown provider): every call fails with `unavailable` and the reason, so narratives and advisory calls
/// fall back to the offline path and record why.
struct UnavailableLanguageModel: LanguageModel {
    let name: String
    let reason: String

    func complete(_ request: LanguageModelRequest) async throws -> LanguageModelResponse {
        throw LanguageModelError(.unavailable, "\(name) is not available: \(reason)")
    }
}
