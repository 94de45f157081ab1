import Foundation
import Packs

/// Loads a domain pack and a tenant pack for the Agents commands, failing with the validation report.
enum PackBundleLoading {
    static func load(domainPack: String, tenantPack: String) throws -> PackBundle {
        let result = PackLoader().loadBundle(domainPackAt: URL(fileURLWithPath: domainPack),
                                             tenantPolicyPackAt: URL(fileURLWithPath: tenantPack))
        guard let bundle = result.pack else { throw CLIError.invalid(result.report) }
        return bundle
    }

    /// Reads a JSON array of raw exceptions.
    static func exceptions(at path: String) throws -> [PackValue] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard case .array(let items) = try JSONDecoder().decode(PackValue.self, from: data) else {
            throw CLIError.failed("\(path): expected a JSON array of exceptions")
        }
        return items
    }
}
