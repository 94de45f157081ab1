/// The approval store of a pipeline that runs one pack bundle: the work store, recording each request with the
/// bundle's id (``ExceptionWorkStore/append(_:bundle:)``), so a decision can queue the job that resumes the exception
/// (``ExceptionWorkStore/decideApproval(tenantID:requestID:approve:by:comment:requirePending:)``) and the approval sweep
/// can resume it on any worker.
///
/// ```swift
/// let bundleID = try await store.savePackBundle(bundle)
/// let approvals = ApprovalQueue(store: BundleApprovalStore(store: store, bundle: bundleID))
/// ```
public struct BundleApprovalStore: ApprovalStore {
    public let store: any ExceptionWorkStore
    /// The id of the pack bundle (``ExceptionWorkStore/savePackBundle(_:)``) recorded with every request.
    public let bundle: String

    public init(store: any ExceptionWorkStore, bundle: String) {
        self.store = store
        self.bundle = bundle
    }

    public func append(_ request: ApprovalRequest) async throws {
        try await store.append(request, bundle: bundle)
    }

    public func history(tenantID: String) async throws -> [ApprovalRequest] {
        try await store.history(tenantID: tenantID)
    }

    public func history(tenantID: String, requestID: String) async throws -> [ApprovalRequest] {
        try await store.history(tenantID: tenantID, requestID: requestID)
    }
}
