import Packs

/// The payload of a server exception job (kind ``kind``): a batch accepted by `POST /exceptions/{tenantId}`
/// with the pair of pack versions that was active for its domain when it was accepted. Versions are immutable,
/// so whichever process claims the job — now, or after a restart — runs the batch under exactly those packs.
struct ExceptionBatchJob: Codable, Sendable {
    static let kind = "server-exception-batch"

    var tenant: String
    var domain: String
    var domainVersion: SemanticVersion
    var policyVersion: SemanticVersion
    /// The exceptions as accepted (each with its `exceptionId`).
    var exceptions: [PackValue]
    var ids: [String]
}
