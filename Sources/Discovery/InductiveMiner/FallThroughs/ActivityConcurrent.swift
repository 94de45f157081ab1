/// Fall-through "activity concurrent": when removing one activity lets a cut be found in the rest of the
/// log, that activity is put in parallel with the rest.
enum ActivityConcurrent {
    /// The first activity (in code order) whose removal makes some cut of the exact miner hold.
    static func candidate(_ log: VariantLog) -> Int32? {
        let alphabet = log.alphabet
        return alphabet.first { activity in
            InductiveMiner.anyCutHolds(InductiveGraph(log, without: activity, alphabet: alphabet))
        }
    }

    /// `+( candidate's log, rest of the log )`.
    static func split(_ log: VariantLog, activity: Int32) -> [VariantLog] {
        ActivityOncePerTrace.split(log, activity: activity)
    }
}
