/// Checks the ids that arrive in paths, queries and bodies (tenants, logs, analyses, exceptions, packs)
/// before they reach a store or a file name: 1–128 characters of `A–Z a–z 0–9 . _ -`, not starting with a dot.
/// Anything else (slashes, quotes, SQL, `..`, control characters) is refused with 400 `invalid-id`.
enum Identifier {
    static func check(_ value: String, _ what: String) throws -> String {
        guard isValid(value) else {
            throw ServerError(.badRequest, code: "invalid-id", "the \(what) is not a valid id (1-128 of A-Z a-z 0-9 . _ -)")
        }
        return value
    }

    static func isValid(_ value: String) -> Bool {
        let bytes = value.utf8
        guard (1...128).contains(bytes.count), bytes.first != UInt8(ascii: ".") else { return false }
        return bytes.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
