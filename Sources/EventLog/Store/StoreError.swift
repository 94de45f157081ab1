/// The one error type every store (event logs, analysis results, exceptions, jobs, audit) throws, whichever
/// backend holds the data: in memory, SQLite or PostgreSQL. Callers match ``CodedError/code``.
///
/// `description` names the store and the key but no stored data, so it is safe to log.
///
/// ```swift
/// do { _ = try await store.load("claims", tenant: "acme") }
/// catch let error as StoreError where error.code == .notFound { print("no such log") }
/// ```
public typealias StoreError = CodedError<StoreErrorDomain>

/// The namespace of ``StoreError``'s codes.
public enum StoreErrorDomain: Sendable {}

extension ErrorCode where Domain == StoreErrorDomain {
    /// The named item does not exist for this tenant.
    public static var notFound: Self { Self(rawValue: "notFound") }
    /// An item with that name already exists for this tenant.
    public static var alreadyExists: Self { Self(rawValue: "alreadyExists") }
    /// A name, tenant or argument is not acceptable (empty, too long, control characters).
    public static var invalidArgument: Self { Self(rawValue: "invalidArgument") }
    /// The caller no longer holds the job's lease (it expired and another worker took the job).
    public static var leaseLost: Self { Self(rawValue: "leaseLost") }
    /// The stored data does not decode: it was written by a newer version or altered by hand.
    public static var corrupt: Self { Self(rawValue: "corrupt") }
    /// The store's schema is newer than this build knows.
    public static var unsupportedSchema: Self { Self(rawValue: "unsupportedSchema") }
    /// The database or file system refused the operation.
    public static var backend: Self { Self(rawValue: "backend") }
    /// The write was computed from an older state than the stored one (two writers raced); reread and retry.
    public static var conflict: Self { Self(rawValue: "conflict") }
}

extension StoreError {
    /// The error of a ``SourceStateStore`` save whose history is shorter than the stored one.
    public static func historyConflict(stored: Int, given: Int) -> StoreError {
        StoreError(.conflict, "the source's history has \(stored) pulls but the state to save has \(given): it was computed from an older state")
    }

    /// Checks that a tenant id or item name is non-empty, at most 200 bytes and free of control characters.
    /// - Throws: ``StoreError`` with `invalidArgument`.
    public static func validate(_ value: String, as what: String) throws {
        guard !value.isEmpty, value.utf8.count <= 200,
              !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw StoreError(.invalidArgument, "\(what) must be 1-200 bytes without control characters")
        }
    }
}
