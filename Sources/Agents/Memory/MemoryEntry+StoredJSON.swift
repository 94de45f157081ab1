import EventLog
import Foundation
import Packs

extension MemoryEntry {
    /// The entry a store kept as JSON — what `JSONDecoder` decodes from it, read by Packs' JSON reader: each worker
    /// reads every entry the others remember, and the generic decoder was most of that cost. `JSONDecoder` decodes
    /// what the reader refuses or what does not have the entry's shape, and reports it.
    /// - Throws: ``StoreError`` `corrupt` when the JSON is not an entry.
    init(storedJSON data: Data) throws {
        if let text = String(validating: data, as: UTF8.self), let value = try? PackDocumentReader.parse(text, format: .json),
           case .object(let members) = value, case .string(let id)? = members["id"], case .string(let tenantID)? = members["tenantId"],
           case .string(let text)? = members["text"], let exceptionType = Self.optionalString(members["exceptionType"]),
           let severity = Self.optionalString(members["severity"]), let domain = Self.optionalString(members["domain"]),
           let outcome = Self.optionalString(members["outcome"]) {
            self.init(id: id, tenantID: tenantID, text: text, exceptionType: exceptionType, severity: severity, domain: domain, outcome: outcome)
        } else {
            self = try StoreJSON.decode(MemoryEntry.self, from: data, what: "memory entry")
        }
    }

    /// `.some(nil)` for a missing or null member, `.some(text)` for a string, nil (not an entry) otherwise.
    private static func optionalString(_ value: PackValue?) -> String?? {
        switch value {
        case nil, .null?: .some(nil)
        case .string(let text)?: .some(text)
        default: nil
        }
    }
}
