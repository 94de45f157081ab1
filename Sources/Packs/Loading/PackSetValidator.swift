import Foundation

/// Validates several pack files together, as `tracewise packs validate` does: every file on its own, and
/// each tenant policy pack against the domain pack among the files that it names (the newest whose version
/// it accepts).
///
/// ```swift
/// let report = PackSetValidator().validate([domainURL, tenantURL])
/// print(report.isValid)
/// ```
public struct PackSetValidator: Sendable {
    public var loader: PackLoader

    public init(loader: PackLoader = PackLoader()) {
        self.loader = loader
    }

    /// The pack files of a directory (`.json`, `.yaml`, `.yml`, skipping `exceptions*` sample inputs), sorted.
    public static func packFiles(in directory: URL) -> [URL] {
        let entries = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return entries.filter { url in
            PackDocumentFormat.fromExtension(of: url.path) != nil && !url.lastPathComponent.hasPrefix("exceptions")
                && !url.lastPathComponent.hasPrefix(".")
        }.sorted { $0.path < $1.path }
    }

    /// The pack files of a directory and of its immediate subdirectories (so `Examples/Packs` finds every
    /// sample), sorted.
    public static func packFilesRecursively(in directory: URL) -> [URL] {
        var files = packFiles(in: directory)
        let entries = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
        for entry in entries.sorted(by: { $0.path < $1.path }) where !entry.lastPathComponent.hasPrefix(".") {
            if (try? entry.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                files += packFiles(in: entry)
            }
        }
        return files
    }

    /// One report for all `files`.
    public func validate(_ files: [URL]) -> ValidationReport {
        var report = ValidationReport()
        var domains: [DomainPack] = []
        var tenants: [(url: URL, document: PackValue)] = []
        for url in files {
            let read = loader.readDocument(at: url)
            report.merge(read.report)
            guard let document = read.document else { continue }
            switch PackKind.of(document) {
            case .domain:
                let result = loader.validateDomainPack(document)
                report.merge(result.report.attributed(to: url.path))
                if let pack = result.pack { domains.append(pack) }
            case .tenantPolicy:
                tenants.append((url, document))
            }
        }
        for tenant in tenants {
            let domain = Self.domain(for: tenant.document, among: domains)
            report.merge(loader.validateTenantPolicyPack(tenant.document, domainPack: domain).report.attributed(to: tenant.url.path))
        }
        return report
    }

    /// The domain pack a tenant document should be checked against: the newest with its domain name whose
    /// version it accepts, else the newest with its name (so the version mismatch is reported).
    static func domain(for tenant: PackValue, among domains: [DomainPack]) -> DomainPack? {
        guard let name = tenant["domainName"]?.stringValue else { return nil }
        let candidates = domains.filter { $0.domainName == name }.sorted { $0.version > $1.version }
        let requirement = tenant["domainVersion"]?.stringValue.flatMap(VersionRequirement.init)
        return candidates.first { requirement?.isSatisfied(by: $0.version) ?? true } ?? candidates.first
    }
}
