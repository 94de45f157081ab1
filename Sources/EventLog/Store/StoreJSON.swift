import Foundation

/// The JSON stores keep for Codable values (provenance, classifiers, outcomes, parameters): sorted keys and
/// unescaped slashes, so equal values are equal bytes in every backend.
public enum StoreJSON {
    /// The canonical JSON of `value`.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes stored JSON.
    /// - Throws: ``StoreError`` with `corrupt` naming `what` when it does not decode.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw StoreError(.corrupt, "stored \(what) does not decode")
        }
    }
}
