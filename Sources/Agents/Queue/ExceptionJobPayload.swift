import Foundation
import Packs

/// The payload of an ``JobKind/exception`` job: the raw exception and the id of the pack bundle (stored with
/// ``ExceptionWorkStore/savePackBundle(_:)``) that governs it. Its JSON is what the queue stores.
public struct ExceptionJobPayload: Sendable, Codable, Hashable {
    /// ``ExceptionWorkStore/savePackBundle(_:)``'s id for the domain and tenant packs.
    public var bundle: String
    /// The exception exactly as submitted.
    public var exception: PackValue

    public init(bundle: String, exception: PackValue) {
        self.bundle = bundle
        self.exception = exception
    }
}

extension ExceptionJobPayload {
    /// The payload from the JSON the queue stores — what `JSONDecoder` decodes from it, read by Packs' JSON reader
    /// (a `PackValue` straight from the bytes, several times cheaper per job); `JSONDecoder` decodes what that reader
    /// refuses (duplicate member names, documents beyond its limits, a malformed payload, which it then reports).
    public init(queued bytes: [UInt8]) throws {
        if let text = String(validating: bytes, as: UTF8.self), let value = try? PackDocumentReader.parse(text, format: .json),
           case .object(let members) = value, case .string(let bundle)? = members["bundle"], let exception = members["exception"] {
            self.init(bundle: bundle, exception: exception)
        } else {
            self = try JSONDecoder().decode(ExceptionJobPayload.self, from: Data(bytes))
        }
    }
}
