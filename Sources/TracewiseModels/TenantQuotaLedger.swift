import Foundation
import Packs

/// Enforces tenants' model quotas — tokens per UTC day and requests in any 60 seconds, from
/// `ModelSettings` in each tenant's policy pack — before a call is sent, and books what calls
/// actually used afterwards.
///
/// A call is admitted when the tenant has a request left in the sliding minute and its tokens booked
/// today plus the call's estimate (prompt characters / 4 plus `maxTokens`) stay within the day's budget.
/// Admission books the request; ``record(tenantID:tokens:)`` books the tokens the provider reported.
///
/// ```swift
/// let ledger = TenantQuotaLedger()
/// await ledger.setLimits(TenantQuotaLedger.Limits(tokensPerDay: 200_000, requestsPerMinute: 60), for: "acme")
/// try await ledger.admit(tenantId: "acme", estimatedTokens: 1_500)
/// ```
public actor TenantQuotaLedger {
    /// A tenant's limits; nil fields do not limit.
    public struct Limits: Sendable, Hashable {
        public var tokensPerDay: Int?
        public var requestsPerMinute: Int?

        public init(tokensPerDay: Int? = nil, requestsPerMinute: Int? = nil) {
            self.tokensPerDay = tokensPerDay
            self.requestsPerMinute = requestsPerMinute
        }

        /// The limits a tenant policy pack sets.
        public init(_ settings: ModelSettings) {
            self.init(tokensPerDay: settings.tokensPerDay, requestsPerMinute: settings.requestsPerMinute)
        }
    }

    private struct Usage {
        var day: Int
        var tokens: Int
        var recentRequests: [Double]
    }

    private var limits: [String: Limits] = [:]
    private var usage: [String: Usage] = [:]
    private let clock: @Sendable () -> Double

    /// - Parameter clock: seconds since 1970 (tests inject a fixed clock).
    public init(clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.clock = clock
    }

    public func setLimits(_ limits: Limits, for tenantID: String) {
        self.limits[tenantID] = limits
    }

    /// Admits one call or throws without booking anything.
    /// - Throws: ``ProviderError`` (`tenantQuotaExceeded`) saying which limit and when it frees up.
    public func admit(tenantID: String, estimatedTokens: Int) throws(ProviderError) {
        let now = clock()
        var current = currentUsage(tenantID, now: now)
        let tenantLimits = limits[tenantID] ?? Limits()
        if let perMinute = tenantLimits.requestsPerMinute, current.recentRequests.count >= perMinute {
            let wait = max(0, 60 - (now - (current.recentRequests.first ?? now)))
            throw ProviderError(.tenantQuotaExceeded, provider: nil,
                             detail: "tenant \(tenantID) reached its limit of \(perMinute) model requests per minute; "
                                 + "the next is allowed in \(Int(wait.rounded(.up))) s")
        }
        if let perDay = tenantLimits.tokensPerDay, current.tokens + estimatedTokens > perDay {
            throw ProviderError(.tenantQuotaExceeded, provider: nil,
                             detail: "tenant \(tenantID) would exceed its quota of \(perDay) tokens per day "
                                 + "(\(current.tokens) used, about \(estimatedTokens) needed); it resets at 00:00 UTC")
        }
        current.recentRequests.append(now)
        usage[tenantID] = current
    }

    /// Books the tokens a call used.
    public func record(tenantID: String, tokens: Int) {
        var current = currentUsage(tenantID, now: clock())
        current.tokens += max(0, tokens)
        usage[tenantID] = current
    }

    /// Tokens booked today for `tenantId`.
    public func tokensUsedToday(tenantID: String) -> Int {
        currentUsage(tenantID, now: clock()).tokens
    }

    private func currentUsage(_ tenantID: String, now: Double) -> Usage {
        let day = Int((now / 86_400).rounded(.down))
        var current = usage[tenantID] ?? Usage(day: day, tokens: 0, recentRequests: [])
        if current.day != day {
            current.day = day
            current.tokens = 0
        }
        current.recentRequests.removeAll { now - $0 >= 60 }
        return current
    }
}
