import Foundation

/// A narrator that asks a ``LanguageModel`` to write for a role and publishes its text only when
/// ``FactChecker`` finds every number and named activity or resource in the facts. Otherwise — or
/// when the model fails — it publishes the template narrative and says why in
/// ``Narrative/fallbackReason``.
///
/// ```swift
/// let narrator = LLMNarrator(model: EchoLanguageModel(),
///                            vocabulary: Set(log.activityNames + log.resourceNames))
/// let coo = try await narrator.narrate(facts, for: .coo)
/// ```
public struct LLMNarrator: Narrator {
    public let model: any LanguageModel
    /// The log's activity and resource names: any of them in the text must be in the facts.
    public let vocabulary: Set<String>
    public let template: TemplateNarrator

    public init(model: any LanguageModel, vocabulary: Set<String>, template: TemplateNarrator = TemplateNarrator()) {
        self.model = model
        self.vocabulary = vocabulary
        self.template = template
    }

    public func narrate(_ facts: Facts, for role: NarrativeRole) async throws -> Narrative {
        var fallback = template.narrative(for: role, facts: facts)
        let reply: LanguageModelResponse
        do {
            reply = try await model.complete(request(for: role, facts: facts, draft: fallback))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            fallback.fallbackReason = "the language model failed: \(error)"
            return fallback
        }
        try Task.checkCancellation()
        fallback.usage = reply.usage
        let text = reply.text.trimmingWhitespace()
        guard !text.isEmpty else {
            fallback.fallbackReason = "the language model returned no text"
            return fallback
        }
        let violations = FactChecker(facts: facts, vocabulary: vocabulary).violations(in: text)
        guard violations.isEmpty else {
            fallback.fallbackReason = "fact check rejected the language model's text: "
                + violations.prefix(5).map(\.description).joined(separator: "; ")
            fallback.factCheckFailures = violations.map(\.description)
            return fallback
        }
        let paragraphs = text.split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        return Narrative(role: role, title: fallback.title, paragraphs: paragraphs.filter { !$0.hasPrefix("- ") },
                         actions: paragraphs.filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) },
                         source: reply.model, usage: reply.usage)
    }

    /// The prompt: instructions for the role, the facts as JSON, and the template text as a draft.
    func request(for role: NarrativeRole, facts: Facts, draft: Narrative) -> LanguageModelRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(facts)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        let system = """
            You write a short process-performance briefing for a \(role.title). Use only the numbers and the \
            activity and resource names in FACTS; do not compute new numbers. Durations are in seconds in \
            FACTS; write them in days, hours or minutes with at most one decimal. Write list items (actions) \
            on lines starting with "- ".
            """
        let user = "FACTS:\n\(json)\n\nRewrite the draft for the \(role.title).\n\(EchoLanguageModel.draftMarker)\n\(draft.text)"
        return LanguageModelRequest(messages: [.system(system), .user(user)], responseFormat: .text)
    }
}
