import Foundation

/// How the generic REST connector reads a source, from a small JSON file a team writes instead of code.
///
/// ```json
/// {"endpoint": "/api/tickets", "recordsPath": "data.items",
///  "pagination": {"style": "cursor", "param": "cursor", "nextPath": "data.next"},
///  "window": {"fromParam": "updated_since", "toParam": "updated_before", "format": "iso8601"},
///  "fields": {"case": "ticket_id", "activity": "status", "timestamp": "changed_at",
///             "resource": "agent.id", "id": "event_id", "modified": "changed_at"},
///  "timestampFormat": "iso8601", "auth": {"header": "Authorization", "prefix": "Bearer ", "env": "TICKETS_TOKEN"}}
/// ```
///
/// Pagination styles: `token` / `cursor` (the next value is read at `nextPath` and sent as `param`; the end
/// is an absent or empty value), `page` (`param` counts from `start`, default 1, until an empty page),
/// `offset` (`param` advances by the number of records, `limitParam` sets the page size) and `link` (the
/// next URL is read at `nextPath`, or from an RFC 8288 `Link: <…>; rel="next"` header).
public struct RESTMapping: Hashable, Sendable, Codable {
    public struct Pagination: Hashable, Sendable, Codable {
        public enum Style: String, Hashable, Sendable, Codable { case token, cursor, page, offset, link }
        public var style: Style
        public var param: String?
        public var nextPath: String?
        public var limitParam: String?
        public var start: Int?
    }

    public struct Window: Hashable, Sendable, Codable {
        public var fromParam: String
        public var toParam: String?
        /// `iso8601`, `epochSeconds` or `epochMilliseconds`.
        public var format: String?
    }

    public struct Fields: Hashable, Sendable, Codable {
        public var `case`: String
        public var activity: String
        public var timestamp: String
        public var resource: String?
        public var id: String?
        /// The record's modification time, for the cursor (defaults to `timestamp`).
        public var modified: String?
        /// Extra record paths kept as attributes (the attribute key is the path).
        public var attributes: [String]?
    }

    public struct Auth: Hashable, Sendable, Codable {
        public var header: String
        public var prefix: String?
        /// The environment variable holding the secret; the secret itself never appears in the file.
        public var env: String
    }

    public var endpoint: String
    public var recordsPath: String?
    public var pagination: Pagination?
    public var window: Window?
    public var fields: Fields
    /// `iso8601` (default), `epochSeconds`, `epochMilliseconds` or `msjson`.
    public var timestampFormat: String?
    public var auth: Auth?
    /// The source name used in cursors and provenance (default `rest`).
    public var name: String?

    /// Reads and checks a mapping file; errors name the file and a JSON pointer.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ConnectorError.invalidConfiguration(file: url.path, pointer: "", reason: "cannot be read: \(error.localizedDescription)")
        }
        do {
            self = try JSONDecoder().decode(RESTMapping.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ConnectorError.invalidConfiguration(file: url.path, pointer: Self.pointer(context.codingPath + [key]), reason: "missing required member")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context), let DecodingError.dataCorrupted(context) {
            throw ConnectorError.invalidConfiguration(file: url.path, pointer: Self.pointer(context.codingPath), reason: context.debugDescription)
        }
        try validate(file: url.path)
    }

    func validate(file: String) throws {
        guard endpoint.hasPrefix("/") || endpoint.hasPrefix("http") else {
            throw ConnectorError.invalidConfiguration(file: file, pointer: "/endpoint", reason: "must be a path starting with / or an absolute URL")
        }
        if let pagination, pagination.style != .link, pagination.param == nil {
            throw ConnectorError.invalidConfiguration(file: file, pointer: "/pagination/param", reason: "\(pagination.style.rawValue) pagination needs a param")
        }
        if let pagination, [.token, .cursor].contains(pagination.style), pagination.nextPath == nil {
            throw ConnectorError.invalidConfiguration(file: file, pointer: "/pagination/nextPath", reason: "\(pagination.style.rawValue) pagination needs nextPath")
        }
        if let format = timestampFormat, !["iso8601", "epochSeconds", "epochMilliseconds", "msjson"].contains(format) {
            throw ConnectorError.invalidConfiguration(file: file, pointer: "/timestampFormat", reason: "unknown format \"\(format)\"")
        }
    }

    private static func pointer(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "" : "/" + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
    }
}
