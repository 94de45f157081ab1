import Metrics

/// Reports every model call to swift-metrics, labelled by provider and model:
///
/// - `tracewise_llm_requests_total{provider,model,outcome}` (outcome `success` or the ``ProviderError/Kind``),
/// - `tracewise_llm_tokens_total{provider,model,direction}` (direction `input` or `output`),
/// - `tracewise_llm_request_duration_seconds{provider,model}` (a timer, recorded in nanoseconds),
/// - `tracewise_embedding_texts_total{provider,model}` for texts embedded.
///
/// Labels never carry a tenant's data, only provider and model names. The metrics go to `factory`
/// (``ModelCallPolicy/metrics``), by default the factory the host bootstrapped; the library never bootstraps one.
public enum ModelUsageMetrics {
    /// Records a finished call.
    public static func recordSuccess(_ summary: ModelCallSummary, factory: any MetricsFactory = MetricsSystem.factory) {
        let labels = [("provider", summary.provider.rawValue), ("model", summary.model)]
        Counter(label: "tracewise_llm_requests_total", dimensions: labels + [("outcome", "success")], factory: factory).increment()
        Counter(label: "tracewise_llm_tokens_total", dimensions: labels + [("direction", "input")], factory: factory)
            .increment(by: summary.usage.inputTokens)
        Counter(label: "tracewise_llm_tokens_total", dimensions: labels + [("direction", "output")], factory: factory)
            .increment(by: summary.usage.outputTokens)
        Metrics.Timer(label: "tracewise_llm_request_duration_seconds", dimensions: labels, factory: factory)
            .recordNanoseconds(Int64(summary.latencySeconds * 1_000_000_000))
    }

    /// Records a failed call.
    public static func recordFailure(provider: ModelProvider, model: String, kind: ProviderError.Kind,
                                     factory: any MetricsFactory = MetricsSystem.factory) {
        Counter(label: "tracewise_llm_requests_total",
                dimensions: [("provider", provider.rawValue), ("model", model), ("outcome", kind.rawValue)], factory: factory).increment()
    }

    /// Records texts sent for embedding and the tokens the provider counted.
    public static func recordEmbedding(provider: ModelProvider, model: String, texts: Int, inputTokens: Int,
                                       factory: any MetricsFactory = MetricsSystem.factory) {
        let labels = [("provider", provider.rawValue), ("model", model)]
        Counter(label: "tracewise_embedding_texts_total", dimensions: labels, factory: factory).increment(by: texts)
        Counter(label: "tracewise_llm_tokens_total", dimensions: labels + [("direction", "input")], factory: factory)
            .increment(by: inputTokens)
    }
}
