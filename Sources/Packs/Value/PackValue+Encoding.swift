extension PackValue {
    /// The tree of any Encodable model (a pack, a bundle), for writing it as normalised JSON or YAML.
    ///
    /// ```swift
    /// let text = try PackDocumentWriter.string(PackValue(encoding: domainPack), format: .yaml)
    /// ```
    public init<T: Encodable>(encoding value: T) throws {
        self = try PackValueDecoding.encode(value)
    }

    /// Decodes a Codable model from this tree.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try PackValueDecoding.decode(type, from: self)
    }
}
