import Agents
import ArgumentParser
import EventLog
import Foundation
import Packs

/// `tracewise exceptions submit --store STORE --domain-pack D --tenant-pack T --input EXCEPTIONS.json` →
/// `{"submitted":N}`: stores the pack bundle and enqueues one job per exception (keyed by its `exceptionId`,
/// so submitting the same file again adds nothing) for `tracewise worker`. With `--tenant T --domain D` instead of
/// the two pack files, the bundle is the one the store's pack registry has active (`tracewise packs publish`).
struct ExceptionsSubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Enqueue a JSON array of raw exceptions in a store for workers; prints {\"submitted\":N}.")

    @Option(help: ArgumentHelp("The store: sqlite:PATH or a postgres:// URL.", valueName: "store"))
    var store: StoreLocation

    @Option(name: .customLong("domain-pack"), help: "The domain pack (JSON or YAML); or --tenant and --domain.")
    var domainPack: String?

    @Option(name: .customLong("tenant-pack"), help: "The tenant policy pack (JSON or YAML); or --tenant and --domain.")
    var tenantPack: String?

    @Option(help: "With --domain instead of the pack files: the tenant whose active packs in the store to use.")
    var tenant: String?

    @Option(help: "With --tenant: the domain whose active packs in the store to use.")
    var domain: String?

    @Option(help: "A JSON array of raw exceptions.")
    var input: String

    @Option(name: .customLong("max-attempts"), help: "Attempts per exception before it is dead-lettered.")
    var maxAttempts: Int = 5

    struct Output: Encodable {
        var submitted: Int
    }

    func validate() throws {
        let files = (domainPack != nil, tenantPack != nil)
        let stored = (tenant != nil, domain != nil)
        guard files == (true, true) && stored == (false, false) || files == (false, false) && stored == (true, true) else {
            throw ValidationError("give either --domain-pack and --tenant-pack, or --tenant and --domain (the store's active packs)")
        }
    }

    func run() async throws {
        let exceptions = try PackBundleLoading.exceptions(at: input)
        let opened = try await store.open()
        defer { opened.close() }
        let bundle: PackBundle
        if let domainPack, let tenantPack {
            bundle = try PackBundleLoading.load(domainPack: domainPack, tenantPack: tenantPack)
        } else if let tenant, let domain {
            guard let active = try await PackRegistry(store: opened.packs).tenant(tenant).activeBundle(domain: domain) else {
                throw CLIError.failed("tenant \(tenant) has no active packs for domain \(domain) in the store (tracewise packs publish)")
            }
            bundle = active
        } else {
            throw ValidationError("give either --domain-pack and --tenant-pack, or --tenant and --domain")
        }
        let bundleID = try await opened.work.savePackBundle(bundle)
        let jobs = try exceptions.map { exception in
            let key: String? = if case .string(let id)? = exception["exceptionId"] { id } else { nil }
            return NewJob(tenantID: bundle.tenant.tenantID, kind: JobKind.exception,
                          payload: Array(try StoreJSON.encode(ExceptionJobPayload(bundle: bundleID, exception: exception))),
                          dedupeKey: key, maxAttempts: maxAttempts)
        }
        _ = try await opened.work.enqueue(jobs)
        try JSONOutput.print(Output(submitted: jobs.count))
    }
}

/// `tracewise exceptions list --store STORE --tenant T --format json`: the tenant's latest outcomes.
struct ExceptionsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a tenant's exception outcomes in a store, with each exception's status history.")

    @Option(help: ArgumentHelp("The store: sqlite:PATH or a postgres:// URL.", valueName: "store"))
    var store: StoreLocation

    @Option(help: "The tenant whose exceptions to list.")
    var tenant: String

    @Option(help: "Only exceptions in this status (OPEN, RESOLVED, PENDING_APPROVAL, ...).")
    var status: ResolutionStatus?

    @OptionGroup var output: FormatOptions

    /// One listed exception: the headline fields, the status history and the full outcome.
    struct Item: Encodable {
        var exceptionID: String
        var resolutionStatus: ResolutionStatus
        var exceptionType: String
        var severity: Severity?
        var playbookID: String?
        var history: [StatusChange]
        var outcome: ExceptionOutcome

        /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
        private enum CodingKeys: String, CodingKey {
            case exceptionID = "exceptionId", resolutionStatus, exceptionType, severity, playbookID = "playbookId", history, outcome
        }
    }

    func run() async throws {
        let opened = try await store.open()
        defer { opened.close() }
        var items: [Item] = []
        for outcome in try await opened.work.outcomes(tenant: tenant, status: status) {
            let record = outcome.exception
            items.append(Item(exceptionID: record.exceptionID, resolutionStatus: record.resolutionStatus,
                              exceptionType: record.exceptionType, severity: record.severity, playbookID: outcome.playbookID,
                              history: try await opened.work.statusHistory(exceptionID: record.exceptionID, tenant: tenant),
                              outcome: outcome))
        }
        switch output.format {
        case .json: try JSONOutput.print(items)
        case .text:
            for item in items {
                print("\(item.exceptionID)  \(item.exceptionType)  \(item.severity?.rawValue ?? "-")  → \(item.resolutionStatus.rawValue)")
            }
        }
    }
}

extension ResolutionStatus: ExpressibleByArgument {}
