/// An approval request waiting for its resume job (``ExceptionWorkStore/approvalsAwaitingResume(limit:)``): its latest
/// version and the pack bundle its exception runs with.
public struct AwaitingApproval: Sendable, Hashable {
    public var request: ApprovalRequest
    /// The id of the pack bundle recorded with the request.
    public var bundle: String

    public init(request: ApprovalRequest, bundle: String) {
        self.request = request
        self.bundle = bundle
    }
}
