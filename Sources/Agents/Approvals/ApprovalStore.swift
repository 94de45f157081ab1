import EventLog
import Foundation

/// Persists the history of approval requests: every state change is appended, the latest version of a
/// request wins on load. Hosts may conform a database-backed store; ``JSONLApprovalStore`` and
/// ``InMemoryApprovalStore`` ship here. Every call names the tenant, and stores keep tenants apart.
public protocol ApprovalStore: Sendable {
    /// Records a version of a request. A store may refuse a second decision of one request (databases do,
    /// so two people deciding at once cannot both win) and ignores a pending version it already holds.
    func append(_ request: ApprovalRequest) async throws
    /// Every recorded version of the tenant's requests, oldest first.
    func history(tenantID: String) async throws -> [ApprovalRequest]
    /// Every recorded version of one request, oldest first (databases answer it from an index).
    func history(tenantID: String, requestID: String) async throws -> [ApprovalRequest]
}

extension ApprovalStore {
    /// Filters ``history(tenantID:)``; stores that can look one request up directly override it.
    public func history(tenantID: String, requestID: String) async throws -> [ApprovalRequest] {
        try await history(tenantID: tenantID).filter { $0.id == requestID }
    }
}

/// Keeps approval history in memory.
public actor InMemoryApprovalStore: ApprovalStore {
    private var records: [String: [ApprovalRequest]] = [:]

    public init() {}

    public func append(_ request: ApprovalRequest) {
        records[request.tenantID, default: []].append(request)
    }

    public func history(tenantID: String) -> [ApprovalRequest] { records[tenantID] ?? [] }
}

/// Keeps approval history as one JSONL file per tenant under a directory (`<dir>/<tenant>.approvals.jsonl`).
public actor JSONLApprovalStore: ApprovalStore {
    private let directory: URL

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    public func append(_ request: ApprovalRequest) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var line = try encoder.encode(request)
        line.append(UInt8(ascii: "\n"))
        let url = file(for: request.tenantID)
        if !FileManager.default.fileExists(atPath: url.path), !FileManager.default.createFile(atPath: url.path, contents: nil) {
            throw AgentsError(.ioError, "cannot create the approval store file \(url.path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
    }

    public func history(tenantID: String) throws -> [ApprovalRequest] {
        let url = file(for: tenantID)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let decoder = JSONDecoder()
        return try Data(contentsOf: url).split(separator: UInt8(ascii: "\n")).compactMap { line in
            try? decoder.decode(ApprovalRequest.self, from: Data(line))
        }
    }

    /// Appends to `target` every version of each tenant's requests when the target holds none of that tenant's
    /// (a version the target refuses as already decided is skipped): how a service that kept approvals as files
    /// moves them into its database once. Returns the tenants copied.
    @discardableResult
    public func copyMissing(to target: any ApprovalStore) async throws -> [String] {
        let decoder = JSONDecoder()
        var byTenant: [String: [ApprovalRequest]] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".approvals.jsonl") {
            for line in try Data(contentsOf: directory.appendingPathComponent(name)).split(separator: UInt8(ascii: "\n")) {
                guard let request = try? decoder.decode(ApprovalRequest.self, from: Data(line)) else { continue }
                byTenant[request.tenantID, default: []].append(request)
            }
        }
        var copied: [String] = []
        for (tenant, requests) in byTenant.sorted(by: { $0.key < $1.key }) where try await target.history(tenantID: tenant).isEmpty {
            for request in requests {
                do {
                    try await target.append(request)
                } catch let error as StoreError where error.code == .conflict {
                    continue
                }
            }
            copied.append(tenant)
        }
        return copied
    }

    private func file(for tenantID: String) -> URL {
        let safe = tenantID.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "_" }
        return directory.appendingPathComponent(String(safe) + ".approvals.jsonl")
    }
}
