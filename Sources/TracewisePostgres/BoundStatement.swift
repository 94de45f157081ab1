import PostgresNIO

/// One SQL statement assembled from fragments, each value bound as a parameter (`$n`) as it is added, so a
/// statement can be composed from parts written once — a worker's finish sends its inserts, the similar-case
/// memory's upsert among them, as one statement of data-modifying `WITH` clauses: one round trip and one plan
/// for the whole batch.
struct BoundStatement {
    private(set) var sql = ""
    private(set) var binds = PostgresBindings()

    /// Appends SQL text (never a value: values go through ``bind(_:)``).
    mutating func append(_ fragment: String) {
        sql += fragment
    }

    /// Binds `value` as the next parameter and returns its placeholder (`$n`).
    mutating func bind<Value: PostgresThrowingDynamicTypeEncodable>(_ value: Value) throws -> String {
        try binds.append(value)
        return "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}
