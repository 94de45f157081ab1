import ArgumentParser
import Foundation

/// `tracewise-server`: the Tracewise service. `serve` (the default) runs it; `keys create` makes an API key.
@main
struct TracewiseServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracewise-server",
        abstract: "Run the Tracewise service: multi-tenant REST API, analysis jobs, exception pipeline, packs admin.",
        subcommands: [ServeCommand.self, KeysCommand.self],
        defaultSubcommand: ServeCommand.self)
}

/// The options every subcommand shares: where the data lives.
struct StoreOptions: ParsableArguments {
    @Option(help: "The folder for the SQLite database (everything the service keeps) and upload spool files.")
    var data: String = "tracewise-data"

    @Option(help: "A PostgreSQL URL (postgres://user:pass@host/db) to keep everything in instead; the folder then holds only spool files.")
    var postgres: String?
}
