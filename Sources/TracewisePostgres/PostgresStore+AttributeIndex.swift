import EventLog
import PostgresNIO

/// Attribute-value filters in SQL. Attributes are stored as ``AttributeColumnCodec`` columns (lossless, cheap to
/// ingest and load), which SQL cannot read; the first push-down that filters on a key builds that key's index
/// for the log — one `log_attribute_values` row (case, position, typed value text) per event (or case) holding
/// the key — from the key's stored column, in the query's transaction, and marks it built in `log_attribute_keys`.
/// Later filters on the key are plain indexed SQL. Concurrent first uses are serialised by the marker's
/// primary key: the second waits for the first to commit, then finds the index built.
extension PostgresStore {
    /// Checks that `filter` can run in SQL and builds the index its attribute condition needs.
    /// - Throws: `StoreError` with `invalidArgument` for list or container values, which
    ///   the index does not hold (filter the loaded log in memory instead).
    static func prepare(_ filter: StoredLogFilter, logID: Int64, tenant: String, connection: PostgresConnection,
                        logger: Logger) async throws {
        guard let condition = filter.attribute else { return }
        if condition.values.contains(where: \.isCompound) {
            throw StoreError(.invalidArgument, "list and container attribute values cannot be filtered in the database; load the log and filter it in memory")
        }
        let scope = indexScope(condition.scope)
        var built = true
        for try await _ in try await connection.query("""
            INSERT INTO log_attribute_keys (tenant, log_id, scope, key) VALUES (\(tenant), \(logID), \(scope), \(condition.key))
            ON CONFLICT DO NOTHING RETURNING 1
            """, logger: logger) {
            built = false
        }
        guard !built else { return }
        var cases: [Int32] = []
        var positions: [Int32] = []
        var values: [String] = []
        if let column = try await readColumn(level: scope, key: condition.key, logID: logID, connection: connection, logger: logger) {
            let offsets = scope == "trace" ? Array(0...column.count)
                : try await caseOffsets(logID: logID, connection: connection, logger: logger)
            for c in 0 ..< offsets.count - 1 {
                for row in offsets[c] ..< offsets[c + 1] {
                    guard let text = column[row]?.indexText else { continue }
                    cases.append(Int32(c))
                    positions.append(scope == "trace" ? -1 : Int32(row - offsets[c]))
                    values.append(text)
                }
            }
        }
        var start = 0
        while start < values.count {
            let end = min(values.count, start + 20_000)
            let (c, p, v) = (Array(cases[start..<end]), Array(positions[start..<end]), Array(values[start..<end]))
            _ = try await connection.query("""
                INSERT INTO log_attribute_values (tenant, log_id, scope, key, case_index, position, value)
                SELECT \(tenant), \(logID), \(scope), \(condition.key), c, p, v
                FROM unnest(\(c)::integer[], \(p)::integer[], \(v)::text[]) AS t(c, p, v)
                """, logger: logger)
            start = end
        }
        // Fresh statistics, so the filter that follows in this transaction gets a sensible plan. ANALYZE needs
        // the table's owner: the store's own role, for this one statement.
        _ = try await connection.query("SELECT set_config('role', 'none', true)", logger: logger)
        _ = try await connection.query("ANALYZE log_attribute_values", logger: logger)
        _ = try await connection.query("SELECT set_config('role', 'tracewise_tenant', true)", logger: logger)
    }

    /// The SQL that narrows `f0` (the events left by the time-range and activity filters) to `f` by the
    /// attribute condition; its key and value list are bound as `$key` and `$values`.
    static func attributeSelection(_ condition: StoredLogFilter.AttributeCondition, key: Int, values: Int) -> String {
        let not = condition.keep ? "" : "NOT "
        let matching = "a.log_id = $1 AND a.scope = '\(indexScope(condition.scope))' AND a.key = $\(key) AND a.value = ANY($\(values))"
        switch condition.scope {
        case .events:
            return """
                f AS (SELECT * FROM f0 WHERE \(not)EXISTS (SELECT 1 FROM log_attribute_values a
                      WHERE \(matching) AND a.case_index = f0.case_index AND a.position = f0.position))
                """
        case .trace:
            return "f AS (SELECT * FROM f0 WHERE case_index \(not)IN (SELECT a.case_index FROM log_attribute_values a WHERE \(matching)))"
        case .casesWithEvent:
            // One pass: each remaining event learns whether any event of its case matched.
            return """
                h AS (SELECT f0.*, bool_or(a.value IS NOT NULL) OVER (PARTITION BY f0.case_index) AS hit
                      FROM f0 LEFT JOIN log_attribute_values a
                      ON \(matching) AND a.case_index = f0.case_index AND a.position = f0.position),
                f AS (SELECT case_index, position, activity, ts FROM h WHERE hit = \(condition.keep))
                """
        }
    }

    /// The typed texts of a condition's values (NaN, which equals nothing, has none).
    static func indexTexts(_ condition: StoredLogFilter.AttributeCondition) -> [String] {
        condition.values.compactMap(\.indexText).sorted()
    }

    /// How many cases without events `filter` keeps: all of them unfiltered; none after a time-range,
    /// activity or event-scope filter (those drop empty cases, as in memory); under a trace-scope condition
    /// those whose trace attribute decides so; under a `.casesWithEvent` condition only when it removes.
    static func emptyCasesKept(logID: Int64, cases: Int, covered: Int, filter: StoredLogFilter, connection: PostgresConnection,
                               logger: Logger) async throws -> Int {
        if filter.isEmpty { return max(0, cases - covered) }
        guard filter.timeRange == nil, filter.activities == nil, let condition = filter.attribute else { return 0 }
        var query: PostgresQuery = """
            SELECT COUNT(*)::bigint FROM cases c WHERE c.log_id = \(logID) AND c.events = 0
            """
        switch condition.scope {
        case .events:
            return 0
        case .casesWithEvent:
            if condition.keep { return 0 }
        case .trace:
            query.binds.append(condition.key)
            query.binds.append(indexTexts(condition))
            let count = query.binds.count
            query.sql += """
                 AND c.case_index \(condition.keep ? "" : "NOT ")IN (SELECT a.case_index FROM log_attribute_values a
                     WHERE a.log_id = $1 AND a.scope = 'trace' AND a.key = $\(count - 1) AND a.value = ANY($\(count)))
                """
        }
        for try await count in try await connection.query(query, logger: logger).decode(Int.self) { return count }
        return 0
    }

    private static func indexScope(_ scope: AttributeFilterScope) -> String {
        scope == .trace ? "trace" : "event"
    }
}
