import EventLog
import PostgresNIO

/// Each case's variant — its activity codes in trace order — identified once at import, so the unfiltered
/// variant multiset is a count of `cases` rows per variant id instead of an ordered aggregation of every event.
///
/// Exact under filters by construction: a filtered push-down does not use the ids (a filter changes the
/// sequences) and aggregates the filtered events instead. Ids are dense per log, in first-seen case order;
/// `log_variants` holds each id's activity codes (empty for cases without events).
struct CaseVariants {
    /// Per case: its variant id.
    let ofCase: [Int32]
    /// Per variant id: the activity codes.
    let sequences: [[Int32]]

    init(_ log: EventLog) {
        self.init(caseOffsets: log.caseOffsets, activityCodes: log.activityCodes)
    }

    init(caseOffsets: [Int], activityCodes: [Int32]) {
        var ids: [ArraySlice<Int32>: Int32] = [:]
        var sequences: [[Int32]] = []
        var ofCase: [Int32] = []
        ofCase.reserveCapacity(caseOffsets.count - 1)
        for c in 0 ..< caseOffsets.count - 1 {
            let sequence = activityCodes[caseOffsets[c] ..< caseOffsets[c + 1]]
            if let id = ids[sequence] {
                ofCase.append(id)
            } else {
                let id = Int32(sequences.count)
                ids[sequence] = id
                sequences.append(Array(sequence))
                ofCase.append(id)
            }
        }
        self.ofCase = ofCase
        self.sequences = sequences
    }

    /// Writes the `log_variants` rows of the log `logID`.
    func write(tenant: String, logID: Int64, connection: PostgresConnection, logger: Logger) async throws {
        guard !sequences.isEmpty else { return }
        let prefix = CopyText.field(tenant) + "\t\(logID)\t"
        try await connection.copyFrom(table: "log_variants", columns: ["tenant", "log_id", "variant", "activities"], logger: logger) { writer in
            var chunk = CopyText()
            for (id, sequence) in sequences.enumerated() {
                chunk.append(prefix)
                chunk.appendInteger(Int64(id))
                chunk.append("\t{")
                for (i, code) in sequence.enumerated() {
                    if i > 0 { chunk.append(",") }
                    chunk.appendInteger(Int64(code))
                }
                chunk.append("}\n")
                if chunk.isFull { try await writer.write(chunk.take()) }
            }
            try await writer.write(chunk.take())
        }
    }
}
