import Foundation
import EventLog

/// What is wrong with an OCEL file against the OCEL 2.0 constraints: unique ids, every relation's ends
/// present, every type declared, attribute values of their declared type, no object related to itself;
/// plus warnings for events without objects and objects without events.
///
/// ```swift
/// let report = try OCELValidationReport(contentsOf: url)
/// if !report.isValid { report.findings.forEach { print($0) } }
/// ```
public struct OCELValidationReport: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    /// One violated constraint, where it was found.
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        public var severity: Severity
        public var code: String
        public var message: String
        public var location: ObjectCentricError.Location
        public var description: String {
            let place = location.description
            return "\(severity.rawValue): " + (place.isEmpty ? "" : "\(place): ") + "\(code): \(message)"
        }
    }

    public var findings: [Finding]
    /// Counts of what was read (after skipping what violates the constraints).
    public var events: Int
    public var objects: Int

    /// True when there are no errors (warnings allowed).
    public var isValid: Bool { !findings.contains { $0.severity == .error } }

    /// Validates a file. Syntax errors (malformed JSON or XML, a corrupt database) and unreadable files
    /// throw, since nothing after them can be checked.
    /// - Throws: ``ObjectCentricError``.
    public init(contentsOf url: URL) throws {
        let result = try ObjectCentricLog.read(contentsOf: url, options: OCELImportOptions(lenient: true))
        self.init(result)
    }

    /// The report of a lenient import: its skipped items as errors, plus the log's warnings.
    public init(_ result: ObjectCentricImport) {
        findings = result.issues.map {
            Finding(severity: .error, code: $0.error.code.rawValue, message: $0.error.message + " (\($0.skipped) skipped)", location: $0.error.location)
        }
        let log = result.log
        events = log.eventCount
        objects = log.objectCount
        let unrelatedEvents = (0 ..< log.eventCount).filter { log.objects(of: $0).isEmpty }
        if !unrelatedEvents.isEmpty {
            findings.append(Finding(severity: .warning, code: "eventWithoutObjects",
                                    message: "\(unrelatedEvents.count) event(s) relate to no object, first '\(log.eventIDs[unrelatedEvents[0]])'",
                                    location: .init()))
        }
        let idleObjects = (0 ..< log.objectCount).filter { log.events(of: $0).isEmpty }
        if !idleObjects.isEmpty {
            findings.append(Finding(severity: .warning, code: "objectWithoutEvents",
                                    message: "\(idleObjects.count) object(s) take part in no event, first '\(log.objectIDs[idleObjects[0]])'",
                                    location: .init()))
        }
    }
}
