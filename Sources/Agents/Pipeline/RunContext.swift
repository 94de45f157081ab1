import EventLog

import Packs

/// One worker task's view of a pipeline run: the run id, the ISO 8601 text of stage timestamps and the
/// stage summaries the audit records, both made once and reused — consecutive stages of a worker mostly
/// start within the same millisecond, and a batch has few distinct summaries; building them per stage was a
/// visible share of the pipeline's time. Never shared between tasks.
final class RunContext {
    let runID: String
    private var millisecond: Int64 = .min
    private var text = ""
    /// Recent stage summaries and what they are made of, searched in place by equality: hashing their strings
    /// cost more than building them, and copying keys out to compare them cost reference counting.
    private var summaryKeys: [StageSummary] = []
    private var summaryValues: [PackValue] = []
    private var nextReplaced = 0
    private static let summaryCacheSize = 48

    init(runID: String) {
        self.runID = runID
    }

    /// `microseconds` since 1970 as ISO 8601 UTC with milliseconds (rounded half away from zero).
    func timestamp(_ microseconds: Int64) -> String {
        let rounded = (microseconds >= 0 ? microseconds + 500 : microseconds - 500) / 1_000
        if rounded != millisecond {
            millisecond = rounded
            text = ISO8601Formatting.format(Timestamp(microseconds: rounded * 1_000, utcOffsetMinutes: 0))
        }
        return text
    }

    /// The audit's summary of an outcome after a stage: status, confidence (3 decimals), and severity,
    /// actionability and playbook once known.
    func summary(of outcome: ExceptionOutcome) -> PackValue {
        let key = StageSummary(outcome)
        let cached = summaryKeys.withUnsafeBufferPointer { keys in keys.firstIndex { $0 == key } }
        if let cached { return summaryValues[cached] }
        let value = key.packValue
        if summaryKeys.count < Self.summaryCacheSize {
            summaryKeys.append(key)
            summaryValues.append(value)
        } else {
            summaryKeys[nextReplaced] = key
            summaryValues[nextReplaced] = value
            nextReplaced = (nextReplaced + 1) % Self.summaryCacheSize
        }
        return value
    }
}

/// What the audit's stage summary is made of.
private struct StageSummary: Equatable {
    let status: ResolutionStatus
    let confidence: Double
    let severity: Severity?
    let actionability: Actionability?
    let playbookID: String?

    init(_ outcome: ExceptionOutcome) {
        status = outcome.exception.resolutionStatus
        confidence = outcome.confidence.rounded3
        severity = outcome.exception.severity
        actionability = outcome.actionability
        playbookID = outcome.playbookID
    }

    var packValue: PackValue {
        var members = [String: PackValue](minimumCapacity: 5)
        members["status"] = .string(status.rawValue)
        members["confidence"] = .number(confidence)
        if let severity { members["severity"] = .string(severity.rawValue) }
        if let actionability { members["actionability"] = .string(actionability.rawValue) }
        if let playbookID { members["playbookId"] = .string(playbookID) }
        return .object(members)
    }
}
