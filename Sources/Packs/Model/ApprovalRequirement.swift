/// When a playbook needs a human's approval before any step runs.
public struct ApprovalRequirement: Hashable, Sendable, Codable {
    public enum Mode: String, Hashable, Sendable, Codable, CaseIterable {
        /// Runs without approval (guardrails and tenant policy may still demand one).
        case never
        /// Always waits for approval.
        case always
        /// Waits for approval when the exception's severity is at least `minimumSeverity`.
        case severityAtLeast
    }

    public var mode: Mode
    /// The threshold for `severityAtLeast`.
    public var minimumSeverity: Severity?
    /// Who may approve (a role name the host's approval queue understands).
    public var approverRole: String?

    public init(mode: Mode, minimumSeverity: Severity? = nil, approverRole: String? = nil) {
        self.mode = mode
        self.minimumSeverity = minimumSeverity
        self.approverRole = approverRole
    }

    public static let never = ApprovalRequirement(mode: .never)

    /// Whether an exception of `severity` must be approved.
    public func isRequired(for severity: Severity) -> Bool {
        switch mode {
        case .never: false
        case .always: true
        case .severityAtLeast: severity >= (minimumSeverity ?? .low)
        }
    }
}
