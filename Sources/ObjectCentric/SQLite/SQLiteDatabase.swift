import CSQLite

/// A minimal wrapper over the system SQLite C API: open, prepare, step, read columns, execute.
///
/// Only what the OCEL reader and writer need; every failure becomes an ``ObjectCentricError`` with code
/// `sqliteError` naming the file (SQLite's own message says what went wrong).
final class SQLiteDatabase {
    let handle: OpaquePointer
    let fileName: String?

    init(path: String, readOnly: Bool, fileName: String?) throws {
        self.fileName = fileName
        var db: OpaquePointer?
        // One connection per reader or writer, used by one thread: no per-call mutex (SQLITE_OPEN_NOMUTEX).
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw ObjectCentricError(.sqliteError, "cannot open the database: \(message)", location: .init(file: fileName))
        }
        handle = db
    }

    deinit { sqlite3_close_v2(handle) }

    func error(_ what: String, table: String? = nil) -> ObjectCentricError {
        ObjectCentricError(.sqliteError, "\(what): \(String(cString: sqlite3_errmsg(handle)))",
                           location: .init(file: fileName, path: table))
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(message)
            throw ObjectCentricError(.sqliteError, text, location: .init(file: fileName))
        }
    }

    func prepare(_ sql: String, table: String? = nil) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw error("cannot query", table: table)
        }
        return SQLiteStatement(statement, database: self, table: table)
    }

    /// Whether a table of that name exists.
    func hasTable(_ name: String) throws -> Bool {
        let statement = try prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
        statement.bind(1, name)
        return try statement.step()
    }

    /// Column names and declared types of a table, in order.
    func columns(of table: String) throws -> [(name: String, type: String)] {
        let statement = try prepare("PRAGMA table_info(\(Self.quoted(table)))", table: table)
        var result: [(String, String)] = []
        while try statement.step() { result.append((statement.text(1) ?? "", statement.text(2) ?? "")) }
        return result
    }

    /// An identifier quoted for SQL.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// One prepared statement; finalized when released.
final class SQLiteStatement {
    let handle: OpaquePointer
    let database: SQLiteDatabase
    let table: String?

    init(_ handle: OpaquePointer, database: SQLiteDatabase, table: String?) {
        self.handle = handle
        self.database = database
        self.table = table
    }

    deinit { sqlite3_finalize(handle) }

    /// Advances to the next row; false when done.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error("cannot read rows", table: table)
        }
    }

    /// Resets for another execution with new bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func columnType(_ column: Int32) -> Int32 { sqlite3_column_type(handle, column) }

    /// The column's text as UTF-8 bytes, valid until the next step; nil for NULL.
    func bytes(_ column: Int32) -> UnsafeRawBufferPointer? {
        guard !isNull(column), let pointer = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func text(_ column: Int32) -> String? {
        bytes(column).map { String(decoding: $0, as: UTF8.self) }
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func bind(_ index: Int32, _ text: String?) {
        guard let text else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_text(handle, index, text, -1, Self.transient)
    }

    func bind(_ index: Int32, _ value: OCELValue?) {
        switch value {
        case nil: sqlite3_bind_null(handle, index)
        case .string(let s)?: bind(index, s)
        case .integer(let i)?: sqlite3_bind_int64(handle, index, i)
        case .float(let d)?: sqlite3_bind_double(handle, index, d)
        case .boolean(let b)?: sqlite3_bind_int64(handle, index, b ? 1 : 0)
        case .time(let t)?: bind(index, OCELSQLiteTime.format(t))
        }
    }

    func run() throws {
        guard sqlite3_step(handle) == SQLITE_DONE else { throw database.error("cannot write", table: table) }
        reset()
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// Times in the SQLite layout: `yyyy-MM-dd HH:mm:ss[.ffffff]` in UTC, the form PM4Py writes and reads.
enum OCELSQLiteTime {
    static func format(_ microseconds: Int64) -> String {
        var text = OCELTime.format(microseconds)
        if text.hasSuffix("Z") { text.removeLast() }
        if let t = text.firstIndex(of: "T") { text.replaceSubrange(t ... t, with: " ") }
        return text
    }
}
