import Foundation

/// Pull state as one JSON file per tenant and source under a directory, written atomically
/// (a temporary file renamed over the old one), so a crash never leaves half a cursor.
public struct FilePullStateStore: PullStateStore {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func load(tenant: String, source: String) async throws -> PullState? {
        let url = try file(tenant: tenant, source: source)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(PullState.self, from: Data(contentsOf: url))
        } catch {
            throw ConnectorError.invalidConfiguration(file: url.path, pointer: "", reason: "the stored pull state cannot be read: \(error)")
        }
    }

    public func save(_ state: PullState, tenant: String, source: String) async throws {
        let url = try file(tenant: tenant, source: source)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let temporary = url.appendingPathExtension("tmp-\(getpid())")
        try encoder.encode(state).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ConnectorError.invalidConfiguration(file: url.path, pointer: "", reason: "the pull state cannot be saved: \(reason)")
        }
    }

    private func file(tenant: String, source: String) throws -> URL {
        for (name, value) in [("tenant", tenant), ("source", source)] {
            guard !value.isEmpty, value.utf8.allSatisfy({ $0 < 128 && (isalnum(Int32($0)) != 0 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")) }) else {
                throw ConnectorError.invalidConfiguration(file: directory.path, pointer: "/\(name)", reason: "\(name) names may use only letters, digits, '-' and '_'")
            }
        }
        return directory.appendingPathComponent(tenant).appendingPathComponent("\(source).json")
    }
}
