/// The payload of an ``JobKind/approvalResume`` job: the decided approval request whose exception continues,
/// and the pack bundle that governs it. Its JSON is what the queue stores.
public struct ApprovalResumePayload: Sendable, Codable, Hashable {
    /// ``ExceptionWorkStore/savePackBundle(_:)``'s id for the domain and tenant packs.
    public var bundle: String
    public var approvalRequestID: String

    public init(bundle: String, approvalRequestID: String) {
        self.bundle = bundle
        self.approvalRequestID = approvalRequestID
    }

    private enum CodingKeys: String, CodingKey {
        case bundle, approvalRequestID = "approvalRequestId"
    }
}
