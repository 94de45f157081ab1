import EventLog
import Foundation

/// Where a ``TenantMemory`` keeps its entries so they survive restarts and are shared by every process using the
/// store: each worker writes what it remembers and picks up what the others remembered.
///
/// Entries are keyed by (tenant, entry id): saving an id again replaces the entry but keeps its place in the
/// order of remembering (which decides what is forgotten first). Every call names the tenant; a store never
/// returns another tenant's entries. ``InMemoryMemoryStore`` is the embedded default; `SQLiteStore` and
/// `PostgresStore` persist them.
///
/// ```swift
/// let memory = TenantMemory(store: try SQLiteStore(path: "tracewise.sqlite"))
/// try await memory.remember(MemoryEntry(id: "E-1", tenantID: "acme", text: "settlement failed"))
/// // Another process opening the same store finds E-1 in its first search of tenant acme.
/// ```
public protocol MemoryStore: Sendable {
    /// Saves records in one transaction (any tenants); a record whose (tenant, entry id) is stored replaces it.
    func saveMemory(_ records: [MemoryRecord]) async throws
    /// A tenant's memory: per exception type the `capacityPerType` entries remembered last, in the order they were
    /// first remembered, with the cursor to ask ``memoryChanges(tenantID:after:)`` from.
    func loadMemory(tenantID: String, capacityPerType: Int) async throws -> MemoryPage
    /// What any process saved for the tenant since `cursor` (a cursor from this store), with the next cursor.
    /// A record may come again in a later page (when it is replaced, or where the store cannot tell); applying
    /// a page twice is harmless.
    func memoryChanges(tenantID: String, after cursor: Int64) async throws -> MemoryPage
    /// Deletes the tenant's entries beyond the `keepPerType` remembered last per exception type — exactly those
    /// ``loadMemory(tenantID:capacityPerType:)`` with that capacity leaves out, chosen by the same order — oldest
    /// first and at most `limit` of them (so one call holds its locks briefly), and returns how many it deleted.
    /// Fewer than `limit` means nothing beyond `keepPerType` is left; other tenants' entries are never touched.
    ///
    /// ```swift
    /// while try await store.pruneMemory(tenantID: "acme", keepPerType: 1_000, limit: 1_000) == 1_000 {}
    /// ```
    func pruneMemory(tenantID: String, keepPerType: Int, limit: Int) async throws -> Int
}

/// One remembered entry and its embedding, as a ``MemoryStore`` keeps it.
public struct MemoryRecord: Sendable, Hashable {
    public var entry: MemoryEntry
    public var vector: [Float]

    public init(entry: MemoryEntry, vector: [Float]) {
        self.entry = entry
        self.vector = vector
    }

    /// The entry as the stores keep it: compact JSON with sorted keys, absent fields left out — the bytes
    /// `StoreJSON.encode(entry)` gives, written without `JSONEncoder` (a worker writes one per exception).
    public var entryJSON: [UInt8] {
        var writer = CompactJSONWriter()
        writer.reserve(64 + entry.text.utf8.count)
        writer.object { json in
            for (key, value) in [("domain", entry.domain), ("exceptionType", entry.exceptionType), ("id", entry.id),
                                 ("outcome", entry.outcome), ("severity", entry.severity), ("tenantId", entry.tenantID),
                                 ("text", entry.text)] {
                if let value { json.member(key) { $0.string(value) } }
            }
        }
        return writer.bytes
    }

    /// The vector as little-endian IEEE 754 single-precision floats, 4 bytes each (how the databases store it).
    public var vectorBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = value.bitPattern.littleEndian
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 16))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 24))
        }
        return bytes
    }

    /// A record from its entry's JSON and ``vectorBytes``.
    /// - Throws: `StoreError` (`corrupt`) when either is malformed.
    public init<Bytes: Collection<UInt8>>(entryJSON: Data, vectorBytes bytes: Bytes) throws {
        guard bytes.count % 4 == 0 else { throw StoreError(.corrupt, "a stored memory vector is not a whole number of floats") }
        let vector = bytes.withContiguousStorageIfAvailable(Self.floats) ?? Array(bytes).withUnsafeBufferPointer(Self.floats)
        self.init(entry: try MemoryEntry(storedJSON: entryJSON), vector: vector)
    }
}

extension MemoryRecord {
    /// Little-endian floats, 4 bytes each (the count a multiple of 4), read straight from contiguous bytes: a worker
    /// reads every entry the others remembered.
    private static func floats(_ bytes: UnsafeBufferPointer<UInt8>) -> [Float] {
        [Float](unsafeUninitializedCapacity: bytes.count / 4) { floats, count in
            for i in 0..<bytes.count / 4 {
                let bits = UInt32(bytes[4 * i]) | UInt32(bytes[4 * i + 1]) << 8 | UInt32(bytes[4 * i + 2]) << 16 | UInt32(bytes[4 * i + 3]) << 24
                floats.initializeElement(at: i, to: Float(bitPattern: bits))
            }
            count = bytes.count / 4
        }
    }
}

/// Records from a ``MemoryStore`` in the order to apply them, and the cursor to continue from.
public struct MemoryPage: Sendable, Hashable {
    public var records: [MemoryRecord]
    /// Pass to ``MemoryStore/memoryChanges(tenantID:after:)`` for what was saved after this page.
    public var cursor: Int64

    public init(records: [MemoryRecord], cursor: Int64) {
        self.records = records
        self.cursor = cursor
    }
}
