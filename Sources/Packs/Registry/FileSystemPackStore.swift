import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The default `PackStore`: one JSON file per document under a root directory.
///
/// Layout: domain packs at `<root>/<tenant>/<domain>/<version>.json`, tenant policy packs at
/// `<root>/<tenant>/<domain>/policy/<version>.json`, registry state at `<root>/<tenant>/<domain>/state.json`.
///
/// Every write goes to a hidden temporary file in the same directory, is flushed to disk (`fsync`) and then
/// renamed over the target — an atomic replacement on POSIX file systems — so a crash at any point leaves
/// either the previous file or the new one. Leftover temporary files are ignored when listing and removed by
/// the next write to the same document once the process that wrote them has ended.
public struct FileSystemPackStore: PackStore {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The file that holds `key`.
    public func fileURL(for key: PackStoreKey) -> URL {
        let directory = root.appendingPathComponent(key.tenant, isDirectory: true).appendingPathComponent(key.domain, isDirectory: true)
        switch key.kind {
        case .domainPack: return directory.appendingPathComponent("\(key.version).json")
        case .tenantPolicy: return directory.appendingPathComponent("policy", isDirectory: true).appendingPathComponent("\(key.version).json")
        case .state: return directory.appendingPathComponent("state.json")
        }
    }

    public func write(_ data: Data, at key: PackStoreKey) async throws {
        try Self.writeAtomically(data, to: fileURL(for: key))
    }

    /// Holds an exclusive `flock` on a hidden lock file beside the document (`.<name>.lock`) while it compares and
    /// writes, so writers in other processes on the same file system wait for each other.
    public func replace(_ key: PackStoreKey, expecting expected: Data?, with data: Data) async throws -> Bool {
        let url = fileURL(for: key)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PacksError(.storageFailure, "cannot create \(directory.path): \(error.localizedDescription)")
        }
        let lockPath = directory.appendingPathComponent(".\(url.lastPathComponent).lock").path
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw PacksError(.storageFailure, "cannot open \(lockPath): errno \(errno)") }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw PacksError(.storageFailure, "cannot lock \(lockPath): errno \(errno)") }
        }
        let current: Data?
        do {
            current = FileManager.default.fileExists(atPath: url.path) ? try Data(contentsOf: url) : nil
        } catch {
            throw PacksError(.storageFailure, "cannot read \(url.path): \(error.localizedDescription)")
        }
        guard current == expected else { return false }
        try Self.writeAtomically(data, to: url)
        return true
    }

    public func read(_ key: PackStoreKey) async throws -> Data? {
        let url = fileURL(for: key)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw PacksError(.storageFailure, "cannot read \(url.path): \(error.localizedDescription)")
        }
    }

    public func versions(tenant: String, domain: String, kind: PackStoreKey.Kind) async throws -> [String] {
        guard kind != .state else { return [] }
        let directory = fileURL(for: PackStoreKey(tenant: tenant, domain: domain, kind: kind, version: "x")).deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") && $0 != "state.json" }.map { String($0.dropLast(5)) }
    }

    public func domains(tenant: String) async throws -> [String] {
        let directory = root.appendingPathComponent(tenant, isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Every document stored under the root (all tenants), for copying this store into another one.
    public func keys() -> [PackStoreKey] {
        func names(_ url: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        }
        func versions(_ url: URL) -> [String] {
            names(url).filter { $0.hasSuffix(".json") && $0 != "state.json" }.map { String($0.dropLast(5)) }
        }
        var keys: [PackStoreKey] = []
        for tenant in names(root) {
            let tenantURL = root.appendingPathComponent(tenant, isDirectory: true)
            for domain in names(tenantURL) {
                let domainURL = tenantURL.appendingPathComponent(domain, isDirectory: true)
                keys += versions(domainURL).map { PackStoreKey(tenant: tenant, domain: domain, kind: .domainPack, version: $0) }
                keys += versions(domainURL.appendingPathComponent("policy", isDirectory: true))
                    .map { PackStoreKey(tenant: tenant, domain: domain, kind: .tenantPolicy, version: $0) }
                if FileManager.default.fileExists(atPath: domainURL.appendingPathComponent("state.json").path) {
                    keys.append(PackStoreKey(tenant: tenant, domain: domain, kind: .state))
                }
            }
        }
        return keys
    }

    /// Copies every document of this store that `destination` does not hold yet (never replacing one it holds),
    /// so a host moving its packs from files into a database keeps them; returns how many were copied.
    @discardableResult
    public func copyMissing(to destination: any PackStore) async throws -> Int {
        var copied = 0
        for key in keys() where try await destination.read(key) == nil {
            guard let data = try await read(key) else { continue }
            try await destination.write(data, at: key)
            copied += 1
        }
        return copied
    }

    /// Writes `data` to a temporary sibling of `url`, syncs it and renames it over `url`.
    /// - Throws: `PacksError` (`storageFailure`).
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PacksError(.storageFailure, "cannot create \(directory.path): \(error.localizedDescription)")
        }
        removeStaleTemporaryFiles(for: url)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString)")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw PacksError(.storageFailure, "cannot create \(temporary.path): errno \(errno)") }
        var written = 0
        let failure: String? = data.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = posixWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return "write failed: errno \(errno)"
                }
                written += result
            }
            return fsync(descriptor) == 0 ? nil : "fsync failed: errno \(errno)"
        }
        close(descriptor)
        if let failure {
            unlink(temporary.path)
            throw PacksError(.storageFailure, "\(failure) for \(url.path)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw PacksError(.storageFailure, "cannot rename into \(url.path): errno \(code)")
        }
        let directoryDescriptor = open(directory.path, O_RDONLY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Removes temporary files a crashed write left behind. A temporary file is named after the process writing it;
    /// one of a process still running may belong to a write in flight (two writers of one document), whose rename
    /// would fail if it were removed, so it stays.
    private static func removeStaleTemporaryFiles(for url: URL) {
        let directory = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix(prefix) {
            let writer = name.dropFirst(prefix.count).split(separator: "-").first.flatMap { pid_t($0) }
            if let writer, kill(writer, 0) == 0 || errno == EPERM { continue }
            unlink(directory.appendingPathComponent(name).path)
        }
    }
}

private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}
