import EventLog

extension FuzzTarget {
    /// Strict XES, plain or gzip. What strict reads, lenient reads the same way, and it survives a write
    /// and a second read with its cases and activities intact.
    static let xes = FuzzTarget(name: "xes", summary: "XESReader (strict), plain or gzip; lenient agrees; write/read round trip") { bytes in
        guard let strict = try? XESReader().read(bytes: bytes, name: "fuzz.xes") else { return }
        let lenient = try? XESReader(options: ImportOptions(lenient: true)).read(bytes: bytes, name: "fuzz.xes")
        invariant(lenient != nil, "lenient rejects a log strict reads")
        if let lenient { invariant(sameCases(strict.log, lenient.log), "lenient reads a strict log differently") }
        let written: [UInt8]
        do { written = try XESWriter().bytes(strict.log) } catch { fatalError("cannot write a log just read: \(error)") }
        do {
            let again = try XESReader().read(bytes: written, name: "rewritten.xes")
            invariant(sameCases(strict.log, again.log), "the written log reads back differently")
        } catch {
            fatalError("the written log does not read back: \(error)")
        }
    }

    /// Lenient XES: never throws on a well-formed XML prefix it can keep, never crashes.
    static let xesLenient = FuzzTarget(name: "xes-lenient", summary: "XESReader (lenient) with its problem report") { bytes in
        guard let result = try? XESReader(options: ImportOptions(lenient: true)).read(bytes: bytes, name: "fuzz.xes") else { return }
        for problem in result.problems { _ = problem.description }
    }

    /// CSV with the default mapping, sorted by timestamp (PM4Py's order) and in file order: the same events either way.
    static let csv = FuzzTarget(name: "csv", summary: "CSVReader, timestamp order and file order agree on the events") { bytes in
        let sorted = try? CSVReader().read(bytes: bytes, name: "fuzz.csv")
        var options = CSVImportOptions()
        options.sortEventsByTimestamp = false
        let fileOrder = try? CSVReader(options: options).read(bytes: bytes, name: "fuzz.csv")
        invariant((sorted == nil) == (fileOrder == nil), "sorting decides whether a CSV reads")
        if let sorted, let fileOrder {
            invariant(sorted.log.caseCount == fileOrder.log.caseCount && sorted.log.eventCount == fileOrder.log.eventCount,
                      "sorting changes the cases or events")
            for skipped in sorted.problems { _ = skipped.description }
        }
    }

    /// Whether two logs hold the same cases with the same activity sequences.
    static func sameCases(_ a: EventLog, _ b: EventLog) -> Bool {
        guard a.caseCount == b.caseCount, a.eventCount == b.eventCount else { return false }
        return (0..<a.caseCount).allSatisfy { activities(a, $0) == activities(b, $0) }
    }

    private static func activities(_ log: EventLog, _ caseIndex: Int) -> [String] {
        log.eventRange(ofCase: caseIndex).map { log.activityNames[Int(log.activityCodes[$0])] }
    }
}
