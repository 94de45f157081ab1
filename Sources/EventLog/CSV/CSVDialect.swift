/// Detects a CSV file's delimiter among `,` `;` TAB `|` from a sample of its first lines.
///
/// For each candidate the fields of the first records are counted (quotes respected). A candidate that
/// appears in the header and splits every sampled record into the same number of fields wins; among those,
/// the one giving the most fields; ties go to the earlier candidate in `, ; TAB |`. Without a consistent
/// candidate, the one most frequent in the header is used (a single-column file falls back to `,`).
enum CSVDialect {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    static func detectDelimiter(in sample: [UInt8]) -> UInt8 {
        var best: (delimiter: UInt8, fields: Int, consistent: Bool)?
        for candidate in candidates {
            let counts = fieldCounts(sample, delimiter: candidate, maxRecords: 20)
            guard let header = counts.first, header > 1 else { continue }
            let consistent = counts.allSatisfy { $0 == header }
            if let current = best {
                let better = (consistent && !current.consistent)
                    || (consistent == current.consistent && header > current.fields)
                if better { best = (candidate, header, consistent) }
            } else {
                best = (candidate, header, consistent)
            }
        }
        return best?.delimiter ?? UInt8(ascii: ",")
    }

    /// Field counts of the complete records in `sample` (the possibly cut last record is dropped).
    private static func fieldCounts(_ sample: [UInt8], delimiter: UInt8, maxRecords: Int) -> [Int] {
        var counts: [Int] = []
        var fields = 1
        var inQuotes = false
        var lineHasContent = false
        for b in sample {
            if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
                lineHasContent = true
            } else if inQuotes {
                continue
            } else if b == delimiter {
                fields += 1
                lineHasContent = true
            } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                if lineHasContent { counts.append(fields) }
                if counts.count == maxRecords { return counts }
                fields = 1
                lineHasContent = false
            } else {
                lineHasContent = true
            }
        }
        if counts.isEmpty && lineHasContent { counts.append(fields) }
        return counts
    }
}
