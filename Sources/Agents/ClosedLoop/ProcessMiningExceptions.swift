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
/// Payload fields follow the `process-mining` sample pack (`Examples/Packs/process-mining`): every exception
/// carries `caseId`, `processName`, `variant`, `owner` and, when configured, `amount`.
///
/// ```swift
/// let raw = ProcessMiningExceptions(options: .init(slaSeconds: 30 * 86_400)).exceptions(from: log)
/// let result = await pipeline.run(raw, runId: "closed-loop")
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
        /// A numeric trace attribute copied to `payload.amount` (rules may use it), when the log has it.
        public var amountAttribute: String?

        public init(slaSeconds: Double? = nil, reworkThreshold: Int = 2, approvalMarkers: [String] = ["approv", "accept", "sign"],
                    segregatedPairs: [SegregatedPair] = [], maximumPerType: Int = 50, sourceSystem: String = "tracewise-mining",
                    processName: String = "process", amountAttribute: String? = nil) {
            self.slaSeconds = slaSeconds
            self.reworkThreshold = max(2, reworkThreshold)
            self.approvalMarkers = approvalMarkers
            self.segregatedPairs = segregatedPairs
            self.maximumPerType = max(0, maximumPerType)
            self.sourceSystem = sourceSystem
            self.processName = processName
            self.amountAttribute = amountAttribute
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

    /// Raw exceptions for `log`; `deviations` (from a conformance check, labels `log move: X` and
    /// `model move: X`) adds the deviation types, and `explanation` (Explain's drivers of case duration) adds
    /// `BOTTLENECK_CASE`s for its slowest cases with their SHAP drivers.
    public func exceptions(from log: EventLog, deviations: CaseDeviations? = nil, fitness: [String: Double] = [:],
                           explanation: ProcessExplanation? = nil) -> [PackValue] {
        let analysis = PerformanceAnalysis(log)
        let ranking = BottleneckRanking(analysis)
        var result = slaBreaches(log, analysis: analysis, ranking: ranking)
        result += reworkLoops(log, analysis: analysis)
        if let deviations { result += deviationExceptions(deviations, fitness: fitness, log: log, analysis: analysis) }
        if let explanation { result += bottleneckCases(explanation, log: log, analysis: analysis) }
        result += segregationBreaches(log, analysis: analysis)
        return result
    }

    private func slaBreaches(_ log: EventLog, analysis: PerformanceAnalysis, ranking: BottleneckRanking) -> [PackValue] {
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
            return exception(type: "SLA_BREACH", caseIndex: c, log: log, analysis: analysis, payload: [
                "elapsedHours": .number(hours(cycle)), "slaHours": .number(hours(sla)),
                "breachHours": .number(hours(cycle - sla)), "bottleneckActivity": activity.map(PackValue.string) ?? .null,
                "waitingHours": .number(hours(waited)),
            ], evidence: evidence)
        }
    }

    private func reworkLoops(_ log: EventLog, analysis: PerformanceAnalysis) -> [PackValue] {
        var found: [(caseIndex: Int, activity: String, count: Int)] = []
        for c in 0..<log.caseCount {
            var counts: [Int32: Int] = [:]
            for e in log.eventRange(ofCase: c) { counts[log.activityCodes[e], default: 0] += 1 }
            if let (code, count) = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), count >= options.reworkThreshold, code >= 0 {
                found.append((c, log.activityNames[Int(code)], count))
            }
        }
        return found.sorted { ($0.count, $1.caseIndex) > ($1.count, $0.caseIndex) }.prefix(options.maximumPerType).map { item in
            exception(type: "REWORK_LOOP", caseIndex: item.caseIndex, log: log, analysis: analysis, payload: [
                "activity": .string(item.activity), "repetitions": .number(Double(item.count)),
                "extraHours": .number(hours(repeatedSeconds(ofCase: item.caseIndex, activity: item.activity, analysis: analysis))),
            ], evidence: ["\(item.activity) was performed \(item.count) times in this case"])
        }
    }

    private func deviationExceptions(_ deviations: CaseDeviations, fitness: [String: Double], log: EventLog,
                                     analysis: PerformanceAnalysis) -> [PackValue] {
        let caseIndex = Dictionary(analysis.caseIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var unexpected: [PackValue] = []
        var skipped: [PackValue] = []
        for caseID in deviations.countsByCase.keys.sorted() {
            guard let c = caseIndex[caseID], let counts = deviations.countsByCase[caseID] else { continue }
            let logMoves = counts.filter { $0.key.hasPrefix("log move: ") }.sorted { $0.key < $1.key }
            let skippedApprovals = counts.filter { label in
                label.key.hasPrefix("model move: ") && options.approvalMarkers.contains { label.key.lowercased().contains($0) }
            }.sorted { $0.key < $1.key }
            if !logMoves.isEmpty, unexpected.count < options.maximumPerType {
                let activities = logMoves.map { String($0.key.dropFirst("log move: ".count)) }
                var payload: [String: PackValue] = [
                    "activity": .string(activities[0]), "activities": .array(activities.map(PackValue.string)),
                    "occurrences": .number(Double(logMoves.map(\.value).reduce(0, +))),
                ]
                payload["fitness"] = fitness[caseID].map(PackValue.number)
                unexpected.append(exception(type: "UNEXPECTED_ACTIVITY", caseIndex: c, log: log, analysis: analysis, payload: payload,
                                            evidence: logMoves.map { "\($0.key) × \($0.value) against the process model" }))
            }
            if !skippedApprovals.isEmpty, skipped.count < options.maximumPerType {
                let activity = String(skippedApprovals[0].key.dropFirst("model move: ".count))
                var payload: [String: PackValue] = [
                    "skippedActivity": .string(activity), "occurrences": .number(Double(skippedApprovals.map(\.value).reduce(0, +))),
                ]
                payload["fitness"] = fitness[caseID].map(PackValue.number)
                skipped.append(exception(type: "SKIPPED_APPROVAL", caseIndex: c, log: log, analysis: analysis, payload: payload, evidence: skippedApprovals.map { "\($0.key): the model requires it, the case never did it" }))
            }
        }
        return unexpected + skipped
    }

    private func segregationBreaches(_ log: EventLog, analysis: PerformanceAnalysis) -> [PackValue] {
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
                found.append(exception(type: "SEGREGATION_OF_DUTIES", caseIndex: c, log: log, analysis: analysis, payload: [
                    "resource": .string(resource), "activities": [.string(pair.first), .string(pair.second)],
                ], evidence: ["\(resource) performed both \(pair.first) and \(pair.second)"]))
            }
        }
        return found
    }

    private func bottleneckCases(_ explanation: ProcessExplanation, log: EventLog, analysis: PerformanceAnalysis) -> [PackValue] {
        let caseIndex = Dictionary(analysis.caseIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let median = medianSeconds(analysis.cycleSeconds)
        return explanation.topCases.prefix(options.maximumPerType).compactMap { local in
            guard let c = caseIndex[local.caseID] else { return nil }
            let drivers = local.up.map { PackValue.object(["feature": .string($0.feature), "value": .number($0.value), "shap": .number($0.shap)]) }
            var evidence = local.up.prefix(3).map { "\($0.feature) = \($0.value.plainNumber) adds \($0.shap.plainNumber) \(explanation.unit)" }
            evidence.insert("predicted \(local.prediction.plainNumber) \(explanation.unit) against an average of \(local.expectedValue.plainNumber)", at: 0)
            return exception(type: "BOTTLENECK_CASE", caseIndex: c, log: log, analysis: analysis, payload: [
                "durationHours": .number(hours(analysis.cycleSeconds[c])), "medianHours": .number(hours(median)),
                "topFactor": local.up.first.map { .string($0.feature) } ?? .null,
                "explanation": ["target": .string(explanation.target), "expectedValue": .number(local.expectedValue),
                                "prediction": .number(local.prediction), "drivers": .array(drivers)],
            ], evidence: evidence)
        }
    }

    private func exception(type: String, caseIndex c: Int, log: EventLog, analysis: PerformanceAnalysis,
                           payload: [String: PackValue], evidence: [String]) -> PackValue {
        var fields = payload
        fields["caseId"] = .string(analysis.caseIDs[c])
        fields["processName"] = .string(options.processName)
        fields["variant"] = .string(log.eventRange(ofCase: c).map { log.activityNames[Int(log.activityCodes[$0])] }.joined(separator: " → "))
        if let last = log.eventRange(ofCase: c).last(where: { log.resourceCodes[$0] >= 0 }) {
            fields["owner"] = .string(log.resourceNames[Int(log.resourceCodes[last])])
        }
        if let key = options.amountAttribute, let value = log.traceAttributes.column(key)?[c] {
            switch value {
            case .int(let i): fields["amount"] = .number(Double(i))
            case .float(let d): fields["amount"] = .number(d)
            default: break
            }
        }
        if type == "SLA_BREACH", let last = log.eventRange(ofCase: c).last {
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
