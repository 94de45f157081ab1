import Discovery
import EventLog
import Foundation
import PostgresNIO

/// Mining where the data lives: aggregates computed by PostgreSQL over the `events` table, so a stored log
/// need not be loaded. Each case's events are ordered by timestamp then position (missing timestamps last,
/// as ``TimeOrderedActivities`` orders them) with a window per case; results equal the in-memory ones.
/// Filters (``StoredLogFilter``: time range, activities, attribute values) run in SQL too.
extension PostgresStore {
    /// The directly-follows graph of a stored log — edge counts with mean and median durations (`LEAD` over
    /// a window per case), start and end activities — equal to `DirectlyFollowsSummary(_:)` on the
    /// loaded, filtered log.
    /// - Throws: `StoreError` with `notFound` when the tenant has no such log.
    public func directlyFollowsSummary(of name: String, tenant: String, filter: StoredLogFilter = StoredLogFilter()) async throws -> DirectlyFollowsSummary {
        let logger = self.logger
        return try await pushDownTransaction(tenant) { connection in
            let (logID, _) = try await Self.logID(name, tenant: tenant, connection: connection, logger: logger)
            try await Self.prepare(filter, logID: logID, tenant: tenant, connection: connection, logger: logger)
            let names = try await Self.activityNames(logID, connection: connection, logger: logger)
            var query = Self.filteredEvents(logID: logID, filter: filter)
            // One pass: the window pairs each event with the next in time order, one GROUP BY (a, b) counts
            // edges (b NULL: the case's last event, an end activity) and first events (start activities), and
            // one sort per edge gives both middle durations: percentile_disc at p takes row ceil(p·n), so 0.5
            // gives the lower middle and 0.5 + 1e-12 the upper one for any n below 5·10¹¹.
            query.sql += """
                , o AS (
                    SELECT activity AS a, LEAD(activity) OVER w AS b, LEAD(ts) OVER w - ts AS d, ROW_NUMBER() OVER w = 1 AS first
                    FROM f WINDOW w AS (PARTITION BY case_index ORDER BY ts, position)
                )
                SELECT a, b, COUNT(*)::bigint, (COUNT(*) FILTER (WHERE first))::bigint, COUNT(d)::bigint, COALESCE(SUM(d), 0)::text,
                       percentile_disc(ARRAY[0.5, 0.500000000001]::float8[]) WITHIN GROUP (ORDER BY d)
                FROM o GROUP BY a, b
                """
            var edges: [DirectlyFollowsSummary.Edge] = []
            var starts: [String: Int] = [:]
            var ends: [String: Int] = [:]
            for try await (a, b, count, first, timed, total, middles) in try await connection.query(query, logger: logger)
                .decode((Int, Int?, Int, Int, Int, String, [Int64]?).self) {
                let from = try Self.name(a, names)
                if first > 0 { starts[from, default: 0] += first }
                guard let b else {
                    ends[from, default: 0] += count
                    continue
                }
                let to = try Self.name(b, names)
                guard timed > 0, let middles, middles.count == 2, let totalMicroseconds = Double(total) else {
                    edges.append(.init(from: from, to: to, count: count, meanSeconds: nil, medianSeconds: nil))
                    continue
                }
                edges.append(.init(from: from, to: to, count: count, timedCount: timed, totalMicroseconds: totalMicroseconds,
                                   lowerMiddleMicroseconds: middles[0], upperMiddleMicroseconds: middles[1]))
            }
            return DirectlyFollowsSummary(edges: edges, startActivities: starts, endActivities: ends)
        }
    }

    /// The variants of a stored log (activity sequences in trace order) with their case counts, in
    /// `Variant.precedes(_:_:)` order; empty cases form the empty variant when nothing is filtered.
    public func variants(of name: String, tenant: String, filter: StoredLogFilter = StoredLogFilter()) async throws -> [Variant] {
        let logger = self.logger
        return try await pushDownTransaction(tenant) { connection in
            try await Self.variants(name, tenant: tenant, filter: filter, connection: connection, logger: logger)
        }
    }

    /// The statistics `tracewise stats --format json` prints, computed from the pushed-down variant multiset;
    /// equal to `StatisticsSummary(LogStatistics(log))` on the loaded, filtered log.
    public func statisticsSummary(of name: String, tenant: String, filter: StoredLogFilter = StoredLogFilter()) async throws -> StatisticsSummary {
        let variants = try await variants(of: name, tenant: tenant, filter: filter)
        var activities: [String: Int] = [:]
        var starts: [String: Int] = [:]
        var ends: [String: Int] = [:]
        var cases = 0
        var events = 0
        for variant in variants {
            cases += variant.count
            events += variant.count * variant.activities.count
            for activity in variant.activities { activities[activity, default: 0] += variant.count }
            if let first = variant.activities.first { starts[first, default: 0] += variant.count }
            if let last = variant.activities.last { ends[last, default: 0] += variant.count }
        }
        return StatisticsSummary(cases: cases, events: events, activities: activities, startActivities: starts,
                                 endActivities: ends, variants: variants)
    }

    /// Case durations in seconds (last event's timestamp minus the first's, in trace order; 0 when either is
    /// missing), aggregated per case in the database; equal to `LogStatistics(log).caseDurations`.
    public func caseDurations(of name: String, tenant: String, filter: StoredLogFilter = StoredLogFilter()) async throws -> DistributionSummary {
        let logger = self.logger
        return try await pushDownTransaction(tenant) { connection in
            let (logID, cases) = try await Self.logID(name, tenant: tenant, connection: connection, logger: logger)
            try await Self.prepare(filter, logID: logID, tenant: tenant, connection: connection, logger: logger)
            var query = Self.filteredEvents(logID: logID, filter: filter)
            query.sql += """
                SELECT COALESCE((array_agg(ts ORDER BY position DESC))[1] - (array_agg(ts ORDER BY position))[1], 0)
                FROM f GROUP BY case_index
                """
            var durations: [Double] = []
            for try await micros in try await connection.query(query, logger: logger).decode(Int64.self) {
                durations.append(Double(micros) / 1_000_000)
            }
            let empty = try await Self.emptyCasesKept(logID: logID, cases: cases, covered: durations.count, filter: filter,
                                                      connection: connection, logger: logger)
            durations += Array(repeating: 0, count: empty)
            return DistributionSummary(durations)
        }
    }

    static func variants(_ name: String, tenant: String, filter: StoredLogFilter, connection: PostgresConnection,
                         logger: Logger) async throws -> [Variant] {
        let (logID, cases) = try await logID(name, tenant: tenant, connection: connection, logger: logger)
        try await prepare(filter, logID: logID, tenant: tenant, connection: connection, logger: logger)
        let names = try await activityNames(logID, connection: connection, logger: logger)
        func activities(_ codes: [Int64]) throws -> [String] { try codes.map { try Self.name(Int($0), names) } }
        var variants: [Variant] = []
        guard !filter.isEmpty else {
            // Unfiltered, each case's variant was identified at import: count cases per variant id.
            for try await (codes, count) in try await connection.query("""
                SELECT v.activities::bigint[], n FROM (SELECT variant, COUNT(*)::bigint AS n FROM cases WHERE log_id = \(logID) GROUP BY variant) c
                JOIN log_variants v ON v.log_id = \(logID) AND v.variant = c.variant
                """, logger: logger).decode(([Int64], Int).self) {
                variants.append(Variant(activities: try activities(codes), count: count))
            }
            return variants.sorted(by: Variant.precedes)
        }
        var query = filteredEvents(logID: logID, filter: filter)
        query.sql += """
            SELECT seq, COUNT(*)::bigint FROM (
                SELECT array_agg(activity::bigint ORDER BY position) AS seq FROM f GROUP BY case_index
            ) s GROUP BY seq
            """
        var covered = 0
        for try await (codes, count) in try await connection.query(query, logger: logger).decode(([Int64], Int).self) {
            variants.append(Variant(activities: try activities(codes), count: count))
            covered += count
        }
        let empty = try await emptyCasesKept(logID: logID, cases: cases, covered: covered, filter: filter,
                                             connection: connection, logger: logger)
        if empty > 0 { variants.append(Variant(activities: [], count: empty)) }
        return variants.sorted(by: Variant.precedes)
    }

    /// `WITH f AS (…)`: the log's events after `filter`, as (case_index, position, activity, ts). An attribute
    /// condition needs its index (``prepare(_:logID:tenant:connection:logger:)``) first.
    static func filteredEvents(logID: Int64, filter: StoredLogFilter) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(logID)
        var conditions = ["log_id = $1"]
        if let range = filter.timeRange {
            binds.append(range.fromMicroseconds)
            binds.append(range.toMicroseconds)
            let inside = "(ts BETWEEN $2 AND $3)"
            switch range.mode {
            case .trimEvents:
                conditions.append(inside)
            case .intersecting:
                conditions.append("case_index IN (SELECT case_index FROM events WHERE log_id = $1 AND \(inside))")
            case .contained:
                conditions.append("""
                    case_index IN (SELECT case_index FROM events WHERE log_id = $1 GROUP BY case_index
                                   HAVING bool_and(ts IS NULL OR \(inside)) AND bool_or(\(inside)))
                    """)
            }
        }
        if let activities = filter.activities {
            binds.append(activities.sorted())
            conditions.append("activity IN (SELECT code FROM log_activities WHERE log_id = $1 AND name = ANY($\(binds.count)))")
        }
        let events = "SELECT case_index, position, activity, ts FROM events WHERE \(conditions.joined(separator: " AND "))"
        guard let condition = filter.attribute else {
            return PostgresQuery(unsafeSQL: "WITH f AS (\(events))", binds: binds)
        }
        binds.append(condition.key)
        binds.append(indexTexts(condition))
        return PostgresQuery(unsafeSQL: "WITH f0 AS (\(events)), " + attributeSelection(condition, key: binds.count - 1, values: binds.count),
                             binds: binds)
    }

    static func logID(_ name: String, tenant: String, connection: PostgresConnection, logger: Logger) async throws -> (Int64, Int) {
        for try await row in try await connection.query("SELECT id, cases FROM logs WHERE tenant = \(tenant) AND name = \(name)",
                                                        logger: logger).decode((Int64, Int).self) {
            return row
        }
        throw StoreError(.notFound, "no log with this name for the tenant")
    }

    /// Runs `body` in a tenant transaction with enough sort memory for a push-down's window and aggregate sorts
    /// of a large log (PostgreSQL's 4 MB default spills them to disk).
    func pushDownTransaction<T: Sendable>(_ tenant: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await tenantTransaction(tenant) { connection in
            try await connection.query("SELECT set_config('work_mem', \(Self.pushDownWorkMemory), true)", logger: self.logger)
            return try await body(connection)
        }
    }

    /// The `work_mem` of push-down queries: a 1.2M-event log's sorts fit.
    static let pushDownWorkMemory = "128MB"

    static func activityNames(_ logID: Int64, connection: PostgresConnection, logger: Logger) async throws -> [Int: String] {
        var names: [Int: String] = [:]
        for try await (code, name) in try await connection.query("SELECT code, name FROM log_activities WHERE log_id = \(logID)",
                                                                 logger: logger).decode((Int, String).self) {
            names[code] = name
        }
        return names
    }

    private static func name(_ code: Int, _ names: [Int: String]) throws -> String {
        guard let name = names[code] else { throw StoreError(.corrupt, "activity code \(code) has no dictionary entry") }
        return name
    }
}
