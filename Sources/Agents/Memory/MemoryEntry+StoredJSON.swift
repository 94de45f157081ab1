import EventLog
import Foundation
import Packs

extension MemoryEntry {
    /// The entry a store kept as JSON — what `JSONDecoder` decodes from it, read by Packs' JSON reader: each worker
    /// reads every entry the others remember, and the generic decoder was most of that cost. `JSONDecoder` decodes
    /// what the reader refuses or what does not have the entry's shape, and reports it.
    /// - Throws: ``StoreError`` `corrupt` when the JSON is not an entry.
    init(storedJSON data: Data) throws {
        if let entry = Self.compact(data) {
            self = entry
        } else if let text = String(validating: data, as: UTF8.self), let value = try? PackDocumentReader.parse(text, format: .json),
           case .object(let members) = value, case .string(let id)? = members["id"], case .string(let tenantID)? = members["tenantId"],
           case .string(let text)? = members["text"], let exceptionType = Self.optionalString(members["exceptionType"]),
           let severity = Self.optionalString(members["severity"]), let domain = Self.optionalString(members["domain"]),
           let outcome = Self.optionalString(members["outcome"]) {
            self.init(id: id, tenantID: tenantID, text: text, exceptionType: exceptionType, severity: severity, domain: domain, outcome: outcome)
        } else {
            self = try StoreJSON.decode(MemoryEntry.self, from: data, what: "memory entry")
        }
    }

    /// The members of an entry in the order ``MemoryRecord/entryJSON`` writes them (sorted).
    private static let compactKeys: [[UInt8]] = ["domain", "exceptionType", "id", "outcome", "severity", "tenantId", "text"].map { Array($0.utf8) }

    /// The entry, when `data` is exactly what ``MemoryRecord/entryJSON`` writes for strings that need no escape: one
    /// object, no whitespace, known members in sorted order (so none twice), string values of valid UTF-8 without a
    /// backslash or a control character. Such a document decodes to its strings' bytes under any JSON reader, so
    /// this is what the readers below give, without building a document tree. Anything else is left to them (nil).
    private static func compact(_ data: Data) -> MemoryEntry? {
        data.withUnsafeBytes { raw -> MemoryEntry? in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            let quote = UInt8(ascii: "\"")
            guard bytes.count > 2, bytes[0] == UInt8(ascii: "{"), bytes[bytes.count - 1] == UInt8(ascii: "}") else { return nil }
            var values = [String?](repeating: nil, count: compactKeys.count)
            var (i, next) = (1, 0)
            while true {
                guard i < bytes.count, bytes[i] == quote else { return nil }
                guard let keyEnd = bytes[(i + 1)...].firstIndex(of: quote) else { return nil }
                let key = bytes[(i + 1)..<keyEnd]
                guard let k = compactKeys[next...].firstIndex(where: { $0.elementsEqual(key) }) else { return nil }
                i = keyEnd + 1
                guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: ":"), bytes[i + 1] == quote else { return nil }
                let start = i + 2
                var end = start
                while end < bytes.count && bytes[end] != quote {
                    if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { return nil }
                    end += 1
                }
                guard end < bytes.count, let value = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) else {
                    return nil
                }
                (values[k], next, i) = (value, k + 1, end + 1)
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: "}") { break }
                guard bytes[i] == UInt8(ascii: ","), next < compactKeys.count else { return nil }
                i += 1
            }
            guard i == bytes.count - 1, let id = values[2], let tenantID = values[5], let text = values[6] else { return nil }
            return MemoryEntry(id: id, tenantID: tenantID, text: text, exceptionType: values[1], severity: values[4], domain: values[0],
                               outcome: values[3])
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
