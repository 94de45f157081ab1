import Conformance
import EventLog
import Explain
import Packs

/// Turns what process mining finds in a log into raw exceptions typed by the `process-mining` domain pack,
/// each carrying its explanation as evidence, ready for ``ExceptionPipeline``: the closed loop from
/// analysis to governed action.
///
/// - `SLA_BREACH`: a case whose cycle time exceeds the SLA; the evidence names the activity it waited
///   longest for and that activity's share of all waiting in the log (from Explain's bottleneck ranking).
/// - `REWORK_LOOP`: a case that repeats an activity at least `reworkThreshold` times.
/// - `UNEXPECTED_ACTIVITY`: a case with log moves (activities the model does not allow there).
/// - `SKIPPED_APPROVAL`: a case with a model move on an approval-like activity (it skipped it).
/// - `SEGREGATION_OF_DUTIES`: one resource performed both activities of a pair that must be separated.
/// - `BOTTLENECK_CASE`: one of the slowest cases, with the SHAP drivers of its duration.
///
/// Which exception type each finding is raised as, and the payload keys of the case fields (case id,
/// process name, variant, owner, amount), are a ``Mapping``: by default the `process-mining` sample pack's
/// (`Examples/Packs/process-mining`); ``Mapping/init(domain:)`` reads them from the domain pack the
/// exceptions are for, so nothing is raised that the pack does not define.
///
/// ```swift
/// let mining = ProcessMiningExceptions(options: .init(slaSeconds: 30 * 86_400, mapping: .init(domain: domainPack)))
/// let result = await pipeline.run(mining.exceptions(from: log), runId: "closed-loop")
/// ```
public struct ProcessMiningExceptions: Sendable {
    public struct Options: Sendable, Hashable {
        /// Cases longer than this breach the SLA; nil uses the log's 90th percentile of cycle time.
        public var slaSeconds: Double?
        /// Repetitions of one activity in one case that count as a rework loop.
        public var reworkThreshold: Int
        /// Lower-cased fragments that mark an activity as an approval.
        public var approvalMarkers: [String]
        /// Activity pairs that must be done by different resources.
        public var segregatedPairs: [SegregatedPair]
        /// At most this many exceptions of each type, most severe first.
        public var maximumPerType: Int
        public var sourceSystem: String
        /// The process name every exception carries (`payload.processName`).
        public var processName: String
        /// A numeric trace attribute copied to the amount field (rules may use it), when the log has it.
        public var amountAttribute: String?
        /// Exception types and payload keys.
        public var mapping: Mapping

        public init(slaSeconds: Double? = nil, reworkThreshold: Int = 2, approvalMarkers: [String] = ["approv", "accept", "sign"],
                    segregatedPairs: [SegregatedPair] = [], maximumPerType: Int = 50, sourceSystem: String = "tracewise-mining",
                    processName: String = "process", amountAttribute: String? = nil, mapping: Mapping = .processMiningPack) {
            self.slaSeconds = slaSeconds
            self.reworkThreshold = max(2, reworkThreshold)
            self.approvalMarkers = approvalMarkers
            self.segregatedPairs = segregatedPairs
            self.maximumPerType = max(0, maximumPerType)
            self.sourceSystem = sourceSystem
            self.processName = processName
            self.amountAttribute = amountAttribute
            self.mapping = mapping
        }
    }

    /// What process mining finds in a case.
    public enum Finding: String, Sendable, Hashable, Codable, CaseIterable {
        case slaBreach = "SLA_BREACH"
        case reworkLoop = "REWORK_LOOP"
        case unexpectedActivity = "UNEXPECTED_ACTIVITY"
        case skippedApproval = "SKIPPED_APPROVAL"
        case segregationOfDuties = "SEGREGATION_OF_DUTIES"
        case bottleneckCase = "BOTTLENECK_CASE"
    }

    /// How findings become exceptions of a domain pack: the exception type of each finding (a finding with
    /// none is not raised) and the payload keys of the fields every exception carries about its case (nil:
    /// not written). Finding-specific fields (`breachHours`, `skippedActivity`, …) keep their names.
    public struct Mapping: Sendable, Hashable {
        public var exceptionTypes: [Finding: String]
        public var caseIDField: String
        public var processNameField: String?
        public var variantField: String?
        public var ownerField: String?
        public var amountField: String?

        public init(exceptionTypes: [Finding: String], caseIDField: String, processNameField: String? = nil,
                    variantField: String? = nil, ownerField: String? = nil, amountField: String? = nil) {
            self.exceptionTypes = exceptionTypes
            self.caseIDField = caseIDField
            self.processNameField = processNameField
            self.variantField = variantField
            self.ownerField = ownerField
            self.amountField = amountField
        }

        /// The `process-mining` sample pack's: every finding under its own name, case fields `caseId`,
        /// `processName`, `variant`, `owner`, `amount`.
        public static let processMiningPack = Mapping(
            exceptionTypes: Dictionary(uniqueKeysWithValues: Finding.allCases.map { ($0, $0.rawValue) }), caseIDField: "caseId",
            processNameField: "processName", variantField: "variant", ownerField: "owner", amountField: "amount")

        /// Read from a domain pack: a finding is raised only when the pack defines an exception type of the
        /// finding's name; the case id goes to the `identifier` of that type's entity (else `caseId`); the
        /// other case fields are written only under names the pack declares for those types (the sample
        /// pack's `processName`, `variant`, `owner`, `amount`).
        public init(domain: DomainPack) {
            let types = Finding.allCases.compactMap { finding in
                domain.exceptionTypes.first { $0.name == finding.rawValue }.map { (finding, $0) }
            }
            let declared = Set(types.flatMap { domain.payloadFields(of: $0.1).map(\.name) })
            let identifier = types.lazy.compactMap { type in
                type.1.entity.flatMap { name in domain.entities.first { $0.name == name }?.identifier }
            }.first
            let standard = Mapping.processMiningPack
            self.init(exceptionTypes: Dictionary(uniqueKeysWithValues: types.map { ($0.0, $0.1.name) }),
                      caseIDField: identifier ?? standard.caseIDField,
                      processNameField: standard.processNameField.flatMap { declared.contains($0) ? $0 : nil },
                      variantField: standard.variantField.flatMap { declared.contains($0) ? $0 : nil },
                      ownerField: standard.ownerField.flatMap { declared.contains($0) ? $0 : nil },
                      amountField: standard.amountField.flatMap { declared.contains($0) ? $0 : nil })
        }
    }

    /// Two activities one resource must not both perform in a case.
    public struct SegregatedPair: Sendable, Hashable, Codable {
        public var first: String
        public var second: String
        public init(first: String, second: String) {
            self.first = first
            self.second = second
        }
    }

    public let options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Raw exceptions for `log`; `deviations` (a conformance check's counts per case, labels `log move: X` and
    /// `model move: X`: `CaseDeviations(countsByCase: report.deviationCountsByCase)`, with
    /// `report.fitnessByCase` as `fitness`) adds the deviation types, and `explanation` (Explain's drivers of
    /// case duration) adds bottleneck cases for its slowest cases with their SHAP drivers. Findings the
    /// mapping gives no type are not raised.
    public func exceptions(from log: EventLog, deviations: CaseDeviations? = nil, fitness: [String: Double] = [:],
                           explanation: ProcessExplanation? = nil) -> [PackValue] {
        let analysis = PerformanceAnalysis(log)
        let ranking = BottleneckRanking(analysis)
        var result = slaBreaches(log, analysis: analysis, ranking: ranking)
        result += reworkLoops(log, analysis: analysis)
        if let deviations {
            result += deviationExceptions(deviations.countsByCase, fitness: fitness, log: log, analysis: analysis)
        }
        if let explanation { result += bottleneckCases(explanation, log: log, analysis: analysis) }
        result += segregationBreaches(log, analysis: analysis)
        return result
    }

    private func slaBreaches(_ log: EventLog, analysis: PerformanceAnalysis, ranking: BottleneckRanking) -> [PackValue] {
        guard options.mapping.exceptionTypes[.slaBreach] != nil else { return [] }
        let sla = options.slaSeconds ?? percentile90(analysis.cycleSeconds)
        guard sla > 0 else { return [] }
        let shares = Dictionary(ranking.activities.map { ($0.activity, $0.shareOfWaiting) }, uniquingKeysWith: { first, _ in first })
        let breaching = (0..<log.caseCount).filter { analysis.cycleSeconds[$0] > sla }
            .sorted { analysis.cycleSeconds[$0] > analysis.cycleSeconds[$1] }.prefix(options.maximumPerType)
        return breaching.map { c in
            let (activity, waited) = longestWait(ofCase: c, analysis: analysis)
            let cycle = analysis.cycleSeconds[c]
            var evidence = ["cycle time \(hours(cycle).plainNumber) h exceeds the SLA of \(hours(sla).plainNumber) h by \(hours(cycle - sla).plainNumber) h"]
            if let activity {
                let share = shares[activity].map { " (\(Int(($0 * 100).rounded())) % of all waiting in the log)" } ?? ""
                evidence.append("longest wait: \(hours(waited).plainNumber) h before \(activity)\(share)")
            }
            if let top = ranking.activities.first { evidence.append("top bottleneck of the process: \(top.label)") }
            return exception(.slaBreach, caseIndex: c, log: log, analysis: analysis, payload: [
                "elapsedHours": .number(hours(cycle)), "slaHours": .number(hours(sla)),
                "breachHours": .number(hours(cycle - sla)), "bottleneckActivity": activity.map(PackValue.string) ?? .null,
                "waitingHours": .number(hours(waited)),
            ], evidence: evidence)
        }
    }

    private func reworkLoops(_ log: EventLog, analysis: PerformanceAnalysis) -> [PackValue] {
        guard options.mapping.exceptionTypes[.reworkLoop] != nil else { return [] }
        var found: [(caseIndex: Int, activity: String, count: Int)] = []
        for c in 0..<log.caseCount {
            var counts: [Int32: Int] = [:]
            for e in log.eventRange(ofCase: c) { counts[log.activityCodes[e], default: 0] += 1 }
            if let (code, count) = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), count >= options.reworkThreshold, code >= 0 {
                found.append((c, log.activityNames[Int(code)], count))
            }
        }
        return found.sorted { ($0.count, $1.caseIndex) > ($1.count, $0.caseIndex) }.prefix(options.maximumPerType).map { item in
            exception(.reworkLoop, caseIndex: item.caseIndex, log: log, analysis: analysis, payload: [
                "activity": .string(item.activity), "repetitions": .number(Double(item.count)),
                "extraHours": .number(hours(repeatedSeconds(ofCase: item.caseIndex, activity: item.activity, analysis: analysis))),
            ], evidence: ["\(item.activity) was performed \(item.count) times in this case"])
        }
    }

    private func deviationExceptions(_ countsByCase: [String: [String: Int]], fitness: [String: Double], log: EventLog,
                                     analysis: PerformanceAnalysis) -> [PackValue] {
        let logMove = DeviationReport.Deviation.Kind.logMove.labelPrefix
        let modelMove = DeviationReport.Deviation.Kind.modelMove.labelPrefix
        let raisesUnexpected = options.mapping.exceptionTypes[.unexpectedActivity] != nil
        let raisesSkipped = options.mapping.exceptionTypes[.skippedApproval] != nil
        let caseIndex = Dictionary(analysis.caseIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var unexpected: [PackValue] = []
        var skipped: [PackValue] = []
        for caseID in countsByCase.keys.sorted() {
            guard let c = caseIndex[caseID], let counts = countsByCase[caseID] else { continue }
            let logMoves = counts.filter { $0.key.hasPrefix(logMove) }.sorted { $0.key < $1.key }
            let skippedApprovals = counts.filter { label in
                label.key.hasPrefix(modelMove) && options.approvalMarkers.contains { label.key.lowercased().contains($0) }
            }.sorted { $0.key < $1.key }
            if raisesUnexpected, !logMoves.isEmpty, unexpected.count < options.maximumPerType {
                let activities = logMoves.map { String($0.key.dropFirst(logMove.count)) }
                var payload: [String: PackValue] = [
                    "activity": .string(activities[0]), "activities": .array(activities.map(PackValue.string)),
                    "occurrences": .number(Double(logMoves.map(\.value).reduce(0, +))),
                ]
                payload["fitness"] = fitness[caseID].map(PackValue.number)
                unexpected.append(exception(.unexpectedActivity, caseIndex: c, log: log, analysis: analysis, payload: payload,
                                            evidence: logMoves.map { "\($0.key) × \($0.value) against the process model" }))
            }
            if raisesSkipped, !skippedApprovals.isEmpty, skipped.count < options.maximumPerType {
                let activity = String(skippedApprovals[0].key.dropFirst(modelMove.count))
                var payload: [String: PackValue] = [
                    "skippedActivity": .string(activity), "occurrences": .number(Double(skippedApprovals.map(\.value).reduce(0, +))),
                ]
                payload["fitness"] = fitness[caseID].map(PackValue.number)
                skipped.append(exception(.skippedApproval, caseIndex: c, log: log, analysis: analysis, payload: payload, evidence: skippedApprovals.map { "\($0.key): the model requires it, the case never did it" }))
            }
        }
        return unexpected + skipped
    }

    private func segregationBreaches(_ log: EventLog, analysis: PerformanceAnalysis) -> [PackValue] {
        guard options.mapping.exceptionTypes[.segregationOfDuties] != nil else { return [] }
        var found: [PackValue] = []
        for pair in options.segregatedPairs {
            for c in 0..<log.caseCount where found.count < options.maximumPerType {
                var firstResources = Set<Int32>()
                var secondResources = Set<Int32>()
                for e in log.eventRange(ofCase: c) where log.resourceCodes[e] >= 0 {
                    let name = log.activityNames[Int(log.activityCodes[e])]
                    if name == pair.first { firstResources.insert(log.resourceCodes[e]) }
                    if name == pair.second { secondResources.insert(log.resourceCodes[e]) }
                }
                guard let shared = firstResources.intersection(secondResources).min() else { continue }
                let resource = log.resourceNames[Int(shared)]
                found.append(exception(.segregationOfDuties, caseIndex: c, log: log, analysis: analysis, payload: [
                    "resource": .string(resource), "activities": [.string(pair.first), .string(pair.second)],
                ], evidence: ["\(resource) performed both \(pair.first) and \(pair.second)"]))
            }
        }
        return found
    }

    private func bottleneckCases(_ explanation: ProcessExplanation, log: EventLog, analysis: PerformanceAnalysis) -> [PackValue] {
        guard options.mapping.exceptionTypes[.bottleneckCase] != nil else { return [] }
        let caseIndex = Dictionary(analysis.caseIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let median = medianSeconds(analysis.cycleSeconds)
        return explanation.topCases.prefix(options.maximumPerType).compactMap { local in
            guard let c = caseIndex[local.caseID] else { return nil }
            let drivers = local.up.map { PackValue.object(["feature": .string($0.feature), "value": .number($0.value), "shap": .number($0.shap)]) }
            var evidence = local.up.prefix(3).map { "\($0.feature) = \($0.value.plainNumber) adds \($0.shap.plainNumber) \(explanation.unit)" }
            evidence.insert("predicted \(local.prediction.plainNumber) \(explanation.unit) against an average of \(local.expectedValue.plainNumber)", at: 0)
            return exception(.bottleneckCase, caseIndex: c, log: log, analysis: analysis, payload: [
                "durationHours": .number(hours(analysis.cycleSeconds[c])), "medianHours": .number(hours(median)),
                "topFactor": local.up.first.map { .string($0.feature) } ?? .null,
                "explanation": ["target": .string(explanation.target), "expectedValue": .number(local.expectedValue),
                                "prediction": .number(local.prediction), "drivers": .array(drivers)],
            ], evidence: evidence)
        }
    }

    private func exception(_ finding: Finding, caseIndex c: Int, log: EventLog, analysis: PerformanceAnalysis,
                           payload: [String: PackValue], evidence: [String]) -> PackValue {
        let mapping = options.mapping
        let type = mapping.exceptionTypes[finding] ?? finding.rawValue
        var fields = payload
        fields[mapping.caseIDField] = .string(analysis.caseIDs[c])
        if let key = mapping.processNameField { fields[key] = .string(options.processName) }
        if let key = mapping.variantField {
            fields[key] = .string(log.eventRange(ofCase: c).map { log.activityNames[Int(log.activityCodes[$0])] }.joined(separator: " → "))
        }
        if let key = mapping.ownerField, let last = log.eventRange(ofCase: c).last(where: { log.resourceCodes[$0] >= 0 }) {
            fields[key] = .string(log.resourceNames[Int(log.resourceCodes[last])])
        }
        if let key = mapping.amountField, let attribute = options.amountAttribute, let value = log.traceAttributes.column(attribute)?[c] {
            switch value {
            case .int(let i): fields[key] = .number(Double(i))
            case .float(let d): fields[key] = .number(d)
            default: break
            }
        }
        if finding == .slaBreach, let last = log.eventRange(ofCase: c).last {
            fields["lastActivity"] = .string(log.activityNames[Int(log.activityCodes[last])])
        }
        fields["evidence"] = .array(evidence.map(PackValue.string))
        return [
            "exceptionId": .string("\(type.lowercased())-\(analysis.caseIDs[c])"),
            "exceptionType": .string(type), "sourceSystem": .string(options.sourceSystem), "payload": .object(fields),
        ]
    }

    private func longestWait(ofCase c: Int, analysis: PerformanceAnalysis) -> (String?, Double) {
        var best: (String?, Double) = (nil, 0)
        for i in analysis.instances.range(ofCase: c) where analysis.waitingSeconds[i] > best.1 {
            best = (analysis.instances.activityNames[Int(analysis.instances.activity[i])], analysis.waitingSeconds[i])
        }
        return best
    }

    private func repeatedSeconds(ofCase c: Int, activity: String, analysis: PerformanceAnalysis) -> Double {
        var seen = false
        var total = 0.0
        for i in analysis.instances.range(ofCase: c)
        where analysis.instances.activityNames[Int(analysis.instances.activity[i])] == activity {
            if seen { total += analysis.sojournSeconds(i) }
            seen = true
        }
        return total
    }

    private func medianSeconds(_ values: [Double]) -> Double {
        let sorted = values.filter { $0 > 0 }.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    private func percentile90(_ values: [Double]) -> Double {
        let sorted = values.filter { $0 > 0 }.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.9).rounded(.down)))]
    }

    private func hours(_ seconds: Double) -> Double { (seconds / 36).rounded() / 100 }
}
