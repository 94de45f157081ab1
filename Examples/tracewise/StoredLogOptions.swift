import ArgumentParser

/// `--store STORE --tenant T`: read the log argument as the name of a log in a store instead of a file.
struct StoredLogOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read LOG from this store (sqlite:PATH or a postgres:// URL) instead of a file.", valueName: "store"))
    var store: StoreLocation?

    @Option(help: "The tenant whose stored log LOG names (with --store).")
    var tenant: String?

    func validate() throws {
        if store != nil, tenant == nil { throw ValidationError("--store needs --tenant") }
        if store == nil, tenant != nil { throw ValidationError("--tenant is only meaningful with --store") }
    }
}
