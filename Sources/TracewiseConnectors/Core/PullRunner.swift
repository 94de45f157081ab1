import EventLog

/// Runs a connector over a window and turns its pages into an `EventLog`, a new cursor and a report.
///
/// With the state of the previous pull, only records changed since its cursor are fetched, and the
/// events are merged by id with the earlier ones, so the log equals what a full extraction would give.
/// With a store, the state is saved as pages arrive (at most once per ``PullOptions/checkpointInterval``,
/// and after the last page): a cancelled or failed pull resumes from the last saved page. Saving writes the
/// whole state, so saving after every page would make a pull of P pages and E events cost P × E.
///
/// ```swift
/// let store = FilePullStateStore(directory: stateDirectory)
/// let result = try await PullRunner().run(jira, window: window, tenant: "acme", store: store)
/// try result.log.write(to: URL(fileURLWithPath: "jira.xes.gz"))
/// ```
public struct PullRunner: Sendable {
    /// The extracted log, the report and the state to keep for the next pull.
    public struct Result: Sendable {
        public var log: EventLog
        public var report: PullReport
        public var state: PullState
    }

    public var options: PullOptions

    public init(options: PullOptions = PullOptions()) {
        self.options = options
    }

    /// Pulls `window` from `connector`, continuing from the state `store` holds for `tenant` (if any).
    public func run(_ connector: some Connector, window: PullWindow, tenant: String, store: (any PullStateStore)?) async throws -> Result {
        let previous = try await store?.load(tenant: tenant, source: connector.source)
        return try await run(connector, window: window, previous: previous) { state in
            try await store?.save(state, tenant: tenant, source: connector.source)
        }
    }

    /// Pulls `window` from `connector` after `previous`; `checkpoint` receives the state after a page when
    /// ``PullOptions/checkpointInterval`` (or four times the previous checkpoint's duration) has passed since
    /// the last one — after every page when the interval is zero — and always after the last page.
    public func run(_ connector: some Connector, window: PullWindow, previous: PullState?,
                    checkpoint: @Sendable (PullState) async throws -> Void = { _ in }) async throws -> Result {
        let cursorBefore = previous?.cursor
        var events = Dictionary(uniqueKeysWithValues: (previous?.events ?? []).map { ($0.id, $0) })
        var schema = RecordSchema()
        var highWaterMark = cursorBefore?.highWaterMark ?? window.from
        var token = cursorBefore?.token
        var endpoints: [String] = []
        var skipped: [SkippedRecord] = []
        var records = 0
        var pages = 0
        var history = previous?.history ?? []

        func report(_ state: [String: SourceEvent]) -> PullReport {
            PullReport(source: connector.source, endpoints: endpoints, window: .init(from: window.fromISO, to: window.toISO),
                       pages: pages, records: records, events: state.count, cases: Set(state.values.map(\.caseID)).count,
                       skipped: skipped, cursorBefore: cursorBefore,
                       cursor: ConnectorCursor(source: connector.source, highWaterMark: highWaterMark, token: token),
                       fingerprint: schema.fingerprint, drift: previous.map { schema.drift(from: $0.schema) } ?? RecordSchemaDrift())
        }

        let clock = ContinuousClock()
        var nextCheckpoint = clock.now + options.checkpointInterval
        for try await page in connector.pages(window: window, after: cursorBefore, options: options) {
            try Task.checkCancellation()
            pages += 1
            records += page.records.count
            if !endpoints.contains(page.endpoint) { endpoints.append(page.endpoint) }
            for record in page.records { schema.observe(record) }
            for event in page.events { events[event.id] = event }
            skipped += page.skipped
            if let mark = page.highWaterMark { highWaterMark = max(highWaterMark, mark) }
            if let next = page.token { token = next }
            guard clock.now >= nextCheckpoint else { continue }
            let started = clock.now
            let partial = report(events)
            try await checkpoint(PullState(cursor: partial.cursor, events: Self.ordered(events), schema: previous?.schema ?? schema,
                                           history: history))
            let finished = clock.now
            if options.checkpointInterval > .zero {
                nextCheckpoint = finished + max(options.checkpointInterval, (finished - started) * 4)
            }
        }
        let final = report(events)
        history.append(final)
        let state = PullState(cursor: final.cursor, events: Self.ordered(events), schema: schema, history: history)
        try await checkpoint(state)
        return Result(log: Self.log(state.events, source: connector.source, report: final), report: final, state: state)
    }

    /// Events by case id, then time, then event id: the same order whatever the page order was.
    static func ordered(_ events: [String: SourceEvent]) -> [SourceEvent] {
        events.values.sorted { a, b in
            if a.caseID != b.caseID { return a.caseID < b.caseID }
            if a.timestamp != b.timestamp { return a.timestamp < b.timestamp }
            return a.id < b.id
        }
    }

    /// Builds the log: one trace per case, events in time order, with `identity:id` and the mapped attributes.
    static func log(_ events: [SourceEvent], source: String, report: PullReport) -> EventLog {
        var builder = EventLogBuilder()
        builder.provenance = Provenance(source: .init(
            location: "\(source):\(report.endpoints.joined(separator: ","))", format: "connector", fingerprint: report.fingerprint,
            options: ["window.from": report.window.from, "window.to": report.window.to,
                      "cursor": SourceTimestamp.iso8601(report.cursor.highWaterMark),
                      "cursorBefore": report.cursorBefore.map { SourceTimestamp.iso8601($0.highWaterMark) } ?? "none",
                      "records": String(report.records), "skipped": String(report.skipped.count)]))
        var currentCase: String?
        for event in events {
            if event.caseID != currentCase {
                builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string(event.caseID))])
                currentCase = event.caseID
            }
            let extra = [Attribute(key: "identity:id", value: .string(event.id))]
                + event.attributes.keys.sorted().map { Attribute(key: $0, value: .string(event.attributes[$0]!)) }
            builder.addEvent(activity: event.activity, timestamp: Timestamp(microseconds: event.timestamp, utcOffsetMinutes: 0),
                             resource: event.resource, attributes: extra)
        }
        return builder.build()
    }
}
