import CSQLite
import Foundation
import ObjectCentric
import XCTest

/// The SQLite reader does not depend on the row order of the relation and per-type tables (it expects the
/// `event` table's order for speed, and falls back to lookups when rows come in another order).
final class ObjectCentricSQLiteTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ocel-sqlite-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A log with two event types, attributes and several relations per event.
    private func sampleLog() throws -> ObjectCentricLog {
        var objects: [String] = []
        var events: [String] = []
        for o in 0 ..< 40 { objects.append(#"{"id":"o\#(o)","type":"\#(o % 2 == 0 ? "order" : "item")"}"#) }
        for e in 0 ..< 300 {
            let type = e % 3 == 0 ? "ship" : "place"
            let attributes = type == "place" ? #","attributes":[{"name":"amount","value":\#(e)}]"# : ""
            events.append(#"{"id":"e\#(e)","type":"\#(type)","time":"2024-01-01T00:\#(String(format: "%02d", e / 60)):\#(String(format: "%02d", e % 60))Z"\#(attributes),"relationships":[{"objectId":"o\#(e % 40)","qualifier":"a"},{"objectId":"o\#((e * 7 + 3) % 40)","qualifier":"b"},{"objectId":"o\#((e * 11 + 5) % 40)","qualifier":""}]}"#)
        }
        let json = """
        {"objectTypes":[{"name":"order","attributes":[]},{"name":"item","attributes":[]}],
         "eventTypes":[{"name":"place","attributes":[{"name":"amount","type":"integer"}]},{"name":"ship","attributes":[]}],
         "objects":[\(objects.joined(separator: ","))],"events":[\(events.joined(separator: ","))]}
        """
        return try ObjectCentricLog.read(Data(json.utf8), fileName: "sample.jsonocel").log
    }

    private func execute(_ sql: String, on path: String) throws {
        var db: OpaquePointer?
        XCTAssertEqual(sqlite3_open(path, &db), SQLITE_OK)
        defer { sqlite3_close(db) }
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &message)
        let text = message.map { String(cString: $0) } ?? ""
        sqlite3_free(message)
        XCTAssertEqual(rc, SQLITE_OK, text)
    }

    /// Rewrites `table` with its rows in the order `orderBy`.
    private func reorder(_ table: String, by orderBy: String, in path: String) throws {
        try execute("""
        CREATE TABLE "reordered" AS SELECT * FROM "\(table)" ORDER BY \(orderBy);
        DELETE FROM "\(table)";
        INSERT INTO "\(table)" SELECT * FROM "reordered";
        DROP TABLE "reordered";
        """, on: path)
    }

    func testRowOrderOfRelationAndTypeTablesDoesNotMatter() throws {
        let original = try sampleLog()
        let url = scratch.appendingPathComponent("sample.sqlite")
        try original.write(to: url)
        XCTAssertEqual(try ObjectCentricLog(contentsOf: url), original, "as written")
        // Events of the relation table in reverse (each event's relations keep their order), type tables reversed.
        try reorder("event_object", by: "CAST(substr(ocel_event_id, 2) AS INTEGER) DESC, rowid", in: url.path)
        try reorder("event_place", by: "rowid DESC", in: url.path)
        try reorder("event_ship", by: "rowid DESC", in: url.path)
        XCTAssertEqual(try ObjectCentricLog(contentsOf: url), original, "reordered")
    }

    func testRelationsAndRowsOfUnknownEventsAreReported() throws {
        let original = try sampleLog()
        let url = scratch.appendingPathComponent("broken.sqlite")
        try original.write(to: url)
        try execute("""
        INSERT INTO event_object VALUES ('e9999', 'o1', 'x');
        INSERT INTO event_place (ocel_id, ocel_time, amount) VALUES ('e8888', '2024-01-01 00:00:00', 1);
        """, on: url.path)
        XCTAssertThrowsError(try ObjectCentricLog(contentsOf: url)) { error in
            XCTAssertEqual((error as? ObjectCentricError)?.code, .missingEvent)
        }
        let result = try ObjectCentricLog.read(contentsOf: url, options: OCELImportOptions(lenient: true))
        XCTAssertEqual(result.log, original)
        XCTAssertEqual(result.issues.map(\.error.code), [.missingEvent, .missingEvent])
        XCTAssertEqual(Set(result.issues.compactMap(\.error.excerpt)), ["e9999", "e8888"])
    }
}
