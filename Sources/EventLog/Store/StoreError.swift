/// The one error type every store (event logs, analysis results, exceptions, jobs, audit) throws, whichever
/// backend holds the data: in memory, SQLite or PostgreSQL. Callers match ``code``.
///
/// `description` names the store and the key but no stored data, so it is safe to log.
///
/// ```swift
/// do { _ = try await store.load("claims", tenant: "acme") }
/// catch let error as StoreError where error.code == .notFound { print("no such log") }
/// ```
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable machine-readable code.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible, Codable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The named item does not exist for this tenant.
        public static let notFound = Code(rawValue: "notFound")
        /// An item with that name already exists for this tenant.
        public static let alreadyExists = Code(rawValue: "alreadyExists")
        /// A name, tenant or argument is not acceptable (empty, too long, control characters).
        public static let invalidArgument = Code(rawValue: "invalidArgument")
        /// The caller no longer holds the job's lease (it expired and another worker took the job).
        public static let leaseLost = Code(rawValue: "leaseLost")
        /// The stored data does not decode: it was written by a newer version or altered by hand.
        public static let corrupt = Code(rawValue: "corrupt")
        /// The store's schema is newer than this build knows.
        public static let unsupportedSchema = Code(rawValue: "unsupportedSchema")
        /// The database or file system refused the operation.
        public static let backend = Code(rawValue: "backend")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// Checks that a tenant id or item name is non-empty, at most 200 bytes and free of control characters.
    /// - Throws: ``StoreError`` with ``Code/invalidArgument``.
    public static func validate(_ value: String, as what: String) throws {
        guard !value.isEmpty, value.utf8.count <= 200,
              !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw StoreError(.invalidArgument, "\(what) must be 1-200 bytes without control characters")
        }
    }
}
