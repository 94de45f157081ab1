import ArgumentParser
import EventLog
import Foundation

/// `tracewise logs …`: event logs kept in a store.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Import event logs into a store (SQLite or PostgreSQL) and list them.",
        subcommands: [LogsImportCommand.self, LogsListCommand.self]
    )
}

/// `tracewise logs import LOG --store STORE --tenant T --name NAME` → `{"name":…,"cases":N,"events":N}`.
struct LogsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a log file into a store under a name; prints {\"name\",\"cases\",\"events\"}.")

    @OptionGroup var input: LogOptions

    @Option(help: ArgumentHelp("The store: sqlite:PATH or a postgres:// URL.", valueName: "store"))
    var store: StoreLocation

    @Option(help: "The tenant that owns the log.")
    var tenant: String

    @Option(help: "The name to store the log under (unique per tenant).")
    var name: String

    struct Output: Encodable {
        var name: String
        var cases: Int
        var events: Int
    }

    func run() async throws {
        let log = try input.load()
        let opened = try await store.open()
        defer { opened.close() }
        let info = try await opened.logs.importLog(log, name: name, tenant: tenant)
        try JSONOutput.print(Output(name: info.name, cases: info.cases, events: info.events))
    }
}

/// `tracewise logs list --store STORE --tenant T --format json`: the tenant's stored logs.
struct LogsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a tenant's stored logs: name, cases, events, schema fingerprint, import time and provenance.")

    @Option(help: ArgumentHelp("The store: sqlite:PATH or a postgres:// URL.", valueName: "store"))
    var store: StoreLocation

    @Option(help: "The tenant whose logs to list.")
    var tenant: String

    @OptionGroup var output: FormatOptions

    func run() async throws {
        let opened = try await store.open()
        defer { opened.close() }
        let logs = try await opened.logs.logs(tenant: tenant)
        switch output.format {
        case .json: try JSONOutput.print(logs)
        case .text:
            for log in logs { print("\(log.name)  \(log.cases) cases  \(log.events) events  \(log.fingerprint.prefix(12))") }
        }
    }
}
