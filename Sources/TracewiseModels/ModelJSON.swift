import Foundation
import Packs

/// JSON text to and from `PackValue` for request bodies that embed caller-supplied JSON (schemas).
enum ModelJSON {
    /// Parses a JSON text.
    /// - Throws: ``ProviderError`` (`invalidRequest`) when it is not JSON.
    static func parse(_ text: String) throws(ProviderError) -> PackValue {
        do {
            return try JSONDecoder().decode(PackValue.self, from: Data(text.utf8))
        } catch {
            throw ProviderError(.invalidRequest, provider: nil, detail: "the JSON schema of the request is not valid JSON")
        }
    }

    /// The compact JSON text of a value.
    static func text(_ value: PackValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
