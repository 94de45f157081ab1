import Foundation

/// Hot reload of a directory of pack files into a `PackRegistry`.
///
/// The watcher polls the directory (and its immediate subdirectories) for `.json`, `.yaml` and `.yml`
/// files; once the set of files and their contents has stayed the same for the debounce interval (so an
/// editor's save-in-several-writes or a `cp` of many files is seen once, complete), it validates every
/// tenant policy pack against the domain pack it names (the newest it accepts) and registers and activates
/// each valid pair in that tenant's namespace — the newest valid policy version when several files hold
/// policies of one tenant and domain. An invalid or incompatible file changes nothing: the last good bundle stays active and
/// the findings are in `lastReport`.
///
/// ```swift
/// let watcher = PackDirectoryWatcher(directory: packsURL, registry: registry)
/// await watcher.start()
/// // … later
/// let bundle = try await registry.tenant("acme-capital").activeBundle(domain: "finance")
/// ```
public actor PackDirectoryWatcher {
    /// What one reload did.
    public struct ReloadReport: Sendable {
        /// A bundle that was activated (or confirmed active) by the reload.
        public struct Activation: Hashable, Sendable {
            public var tenantID: String
            public var domain: String
            public var domainVersion: SemanticVersion
            public var policyVersion: SemanticVersion
        }

        public var activations: [Activation]
        /// Validation findings of the files, attributed to their paths.
        public var validation: ValidationReport
        /// Registry refusals (for example a version re-published with different content), one per pair.
        public var failures: [String]
    }

    public let directory: URL
    private let registry: PackRegistry
    private let loader: PackLoader
    private let pollInterval: Duration
    private let debounce: Duration
    private var lastSeen: [String: Data]?
    private var lastApplied: [String: Data]?
    private var changedAt: ContinuousClock.Instant?
    private var task: Task<Void, Never>?
    /// The findings of the latest reload.
    public private(set) var lastReport: ReloadReport?

    public init(
        directory: URL, registry: PackRegistry, pollInterval: Duration = .seconds(1), debounce: Duration = .milliseconds(500),
        loader: PackLoader = PackLoader()
    ) {
        self.directory = directory
        self.registry = registry
        self.pollInterval = pollInterval
        self.debounce = debounce
        self.loader = loader
    }

    /// Starts polling in the background (does nothing when already started).
    public func start() {
        guard task == nil else { return }
        task = Task { [pollInterval] in
            while !Task.isCancelled {
                _ = await self.poll()
                try? await Task.sleep(for: pollInterval)
            }
        }
    }

    /// Stops polling.
    public func stop() {
        task?.cancel()
        task = nil
    }

    /// One polling step: notes changes, and reloads when the files have been stable for the debounce
    /// interval since the last change. Returns the reload's report when one happened.
    public func poll() async -> ReloadReport? {
        let snapshot = readSnapshot()
        let now = ContinuousClock.now
        if snapshot != lastSeen {
            lastSeen = snapshot
            changedAt = now
            return nil
        }
        guard snapshot != lastApplied, let changedAt, now - changedAt >= debounce else { return nil }
        return await apply(snapshot)
    }

    /// Reloads immediately, without waiting for the debounce interval.
    @discardableResult
    public func reload() async -> ReloadReport {
        let snapshot = readSnapshot()
        lastSeen = snapshot
        return await apply(snapshot)
    }

    private func readSnapshot() -> [String: Data] {
        let files = PackSetValidator.packFilesRecursively(in: directory)
        var snapshot: [String: Data] = [:]
        for file in files {
            if let data = try? Data(contentsOf: file) { snapshot[file.path] = data }
        }
        return snapshot
    }

    private func apply(_ snapshot: [String: Data]) async -> ReloadReport {
        lastApplied = snapshot
        var validation = ValidationReport()
        var domains: [DomainPack] = []
        var tenants: [(path: String, document: PackValue)] = []
        for path in snapshot.keys.sorted() {
            let read = loader.readDocument(text: String(decoding: snapshot[path]!, as: UTF8.self), path: path)
            validation.merge(read.report)
            guard let document = read.document else { continue }
            switch PackKind.of(document) {
            case .domain:
                let result = loader.validateDomainPack(document)
                validation.merge(result.report.attributed(to: path))
                if let pack = result.pack { domains.append(pack) }
            case .tenantPolicy:
                tenants.append((path, document))
            }
        }
        var candidates: [String: (domain: DomainPack, policy: TenantPolicyPack)] = [:]
        for tenant in tenants {
            let domain = PackSetValidator.domain(for: tenant.document, among: domains)
            let result = loader.validateTenantPolicyPack(tenant.document, domainPack: domain)
            validation.merge(result.report.attributed(to: tenant.path))
            guard let policy = result.pack, let domain, result.report.isValid else { continue }
            let key = policy.tenantID + "\u{0}" + policy.domainName
            if let existing = candidates[key], existing.policy.version >= policy.version { continue }
            candidates[key] = (domain, policy)
        }
        var activations: [ReloadReport.Activation] = []
        var failures: [String] = []
        for key in candidates.keys.sorted() {
            let (domain, policy) = candidates[key]!
            do {
                activations.append(try await activate(domain: domain, policy: policy))
            } catch {
                failures.append("\(policy.tenantID)/\(policy.domainName): \(error)")
            }
        }
        let report = ReloadReport(activations: activations, validation: validation, failures: failures)
        lastReport = report
        return report
    }

    private func activate(domain: DomainPack, policy: TenantPolicyPack) async throws -> ReloadReport.Activation {
        let namespace = try await registry.tenant(policy.tenantID)
        try await namespace.register(domain)
        try await namespace.register(policy)
        let current = try await namespace.activation(domain: domain.domainName)
        if current?.domainVersion != domain.version || current?.policyVersion != policy.version {
            try await namespace.activate(domain: domain.domainName, domainVersion: domain.version, policyVersion: policy.version)
        }
        return ReloadReport.Activation(tenantID: policy.tenantID, domain: domain.domainName, domainVersion: domain.version, policyVersion: policy.version)
    }
}
