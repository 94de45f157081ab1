import ArgumentParser
import Packs

/// `--domain-pack D --tenant-pack T`: the pack pair every exceptions command runs with.
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("domain-pack"), help: "The domain pack (JSON or YAML).")
    var domainPack: String

    @Option(name: .customLong("tenant-pack"), help: "The tenant policy pack (JSON or YAML).")
    var tenantPack: String

    /// The validated bundle, or the validation report as the error.
    func bundle() throws -> PackBundle {
        try PackBundleLoading.load(domainPack: domainPack, tenantPack: tenantPack)
    }
}
