/// Computes a ``PredictionTarget``'s value per case from a ``PerformanceAnalysis``.
enum TargetValues {
    /// One value per case of the analysed log; nil where the case has no target.
    static func compute(_ target: PredictionTarget, analysis: PerformanceAnalysis) -> [Double?] {
        let cases = analysis.cycleSeconds.indices
        let hasTime = cases.map { analysis.caseStart[$0] != Int64.min }
        switch target {
        case .duration:
            return cases.map { hasTime[$0] ? analysis.cycleSeconds[$0] / 3600 : nil }
        case .slaBreach(let seconds):
            return cases.map { hasTime[$0] ? (analysis.cycleSeconds[$0] > seconds ? 1 : 0) : nil }
        case .waitingBefore(let activity):
            let instances = analysis.instances
            guard let code = instances.activityNames.firstIndex(of: activity).map(Int32.init) else {
                return cases.map { _ in nil }
            }
            return cases.map { c in
                instances.range(ofCase: c).first { instances.activity[$0] == code }
                    .map { analysis.waitingSeconds[$0] / 3600 }
            }
        case .column(_, let values):
            return cases.map { values[analysis.caseIDs[$0]] }
        }
    }
}
