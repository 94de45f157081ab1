import Foundation

/// Decodes Codable models from `PackValue` trees (through their canonical JSON text).
enum PackValueDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from value: PackValue) throws -> T {
        let text = try PackDocumentWriter.string(value, format: .json)
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    static func encode<T: Encodable>(_ value: T) throws -> PackValue {
        let data = try JSONEncoder().encode(value)
        let text = String(decoding: data, as: UTF8.self)
        do {
            return try PackDocumentReader.parse(text, format: .json)
        } catch {
            throw PacksError(.invalidPack, "cannot re-read encoded value: \(error)")
        }
    }
}
