import Metrics
import Packs
import TracewiseHTTP

/// What governs every call a client makes: whose call it is, what is masked before sending, the
/// tenant's quota, the retry policy and the head timeout. The default masks the standard personal data,
/// has no quota and retries as the providers' SDKs do.
///
/// ```swift
/// let policy = try ModelCallPolicy(tenant: tenantPack, ledger: ledger)
/// let model = OpenAIChatModel(model: "gpt-4o-mini", configuration: config, policy: policy)
/// ```
public struct ModelCallPolicy: Sendable {
    /// The tenant the calls are booked to.
    public var tenantID: String
    public var redactor: Redactor
    /// The quota ledger; nil for no tenant quota.
    public var ledger: TenantQuotaLedger?
    public var retry: HTTPRetryPolicy
    /// The longest wait for a response head, per attempt.
    public var headTimeout: Duration
    /// The transport (`HTTPTransport/shared` unless a test or host brings its own).
    public var transport: HTTPTransport
    /// Where usage is reported (see ``ModelUsageMetrics``); nil for the factory the host bootstrapped.
    public var metrics: (any MetricsFactory)?

    public init(tenantID: String = "default", redactor: Redactor = .standard, ledger: TenantQuotaLedger? = nil,
                retry: HTTPRetryPolicy = HTTPRetryPolicy(), headTimeout: Duration = .seconds(60),
                transport: HTTPTransport = .shared, metrics: (any MetricsFactory)? = nil) {
        self.tenantID = tenantID
        self.redactor = redactor
        self.ledger = ledger
        self.retry = retry
        self.headTimeout = headTimeout
        self.transport = transport
        self.metrics = metrics
    }

    /// ``metrics``, or the bootstrapped factory.
    var metricsFactory: any MetricsFactory { metrics ?? MetricsSystem.factory }

    /// The policy a tenant pack sets: its redaction, its quota (registered in `ledger`), its timeout and
    /// retries (`timeoutMs` bounds each attempt's wait for a head; `maxRetries + 1` attempts in all).
    /// - Throws: ``ProviderError`` (`invalidRequest`) for a redaction pattern outside the regex dialect.
    public init(tenant: TenantPolicyPack, ledger: TenantQuotaLedger, transport: HTTPTransport = .shared) async throws(ProviderError) {
        await ledger.setLimits(TenantQuotaLedger.Limits(tenant.model), for: tenant.tenantID)
        let timeout = Duration.milliseconds(tenant.model.timeoutMs)
        self.init(tenantID: tenant.tenantID, redactor: try Redactor(settings: tenant.redaction), ledger: ledger,
                  retry: HTTPRetryPolicy(maxAttempts: tenant.model.maxRetries + 1, totalDeadline: timeout * 3),
                  headTimeout: timeout, transport: transport)
    }
}
