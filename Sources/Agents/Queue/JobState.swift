/// Where a job stands in its life: `queued` (waiting, possibly until a retry time) → `running` (leased) →
/// `succeeded`, or back to `queued` after a failure, or `deadLettered` after its last allowed attempt.
public enum JobState: String, Sendable, Codable, Hashable, CaseIterable {
    case queued
    case running
    case succeeded
    case deadLettered = "dead_lettered"
}
