import Foundation
import Packs

extension FuzzTarget {
    static let packJSON = FuzzTarget(name: "pack-json", summary: "PackLoader on JSON (domain and tenant packs) and PackValue from a request body") { bytes in
        loadPacks(bytes, format: .json)
        _ = try? JSONDecoder().decode(PackValue.self, from: Data(bytes))
    }

    static let packYAML = FuzzTarget(name: "pack-yaml", summary: "PackLoader on YAML (domain and tenant packs)") { bytes in
        loadPacks(bytes, format: .yaml)
    }

    /// Parses, validates and decodes the text as both pack kinds.
    private static func loadPacks(_ bytes: [UInt8], format: PackDocumentFormat) {
        let text = String(decoding: bytes, as: UTF8.self)
        let loader = PackLoader()
        let domain = loader.loadDomainPack(text: text, path: "fuzz", format: format)
        _ = domain.report.errors.map(\.message)
        let tenant = loader.loadTenantPolicyPack(text: text, path: "fuzz", format: format, domainPack: domain.pack)
        _ = tenant.report.errors.map(\.message)
    }
}
