import Agents
import ArgumentParser
import Foundation
import TracewiseServer

/// `tracewise-server keys create --data DIR --tenant T --role viewer|operator|admin`: prints a new API key and
/// nothing else (its hash is stored; the key cannot be shown again).
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Manage API keys.",
                                                    subcommands: [CreateKey.self])

    struct CreateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an API key and print it.")

        @OptionGroup var store: StoreOptions

        @Option(help: "The tenant the key belongs to.")
        var tenant: String

        @Option(help: "viewer, operator or admin.")
        var role: Role

        func validate() throws {
            guard !tenant.isEmpty, tenant.utf8.count <= 128,
                  tenant.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }),
                  !tenant.hasPrefix(".")
            else { throw ValidationError("--tenant must be 1-128 of A-Z a-z 0-9 . _ -") }
        }

        func run() async throws {
            let stores = try await ServerStoreFactory.make(store, keysOnly: true)
            let (key, record) = APIKeys.make(tenant: tenant, role: role)
            try await stores.keys.insert(record)
            print(key)
        }
    }
}

extension Role: ExpressibleByArgument {}
