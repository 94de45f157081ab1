import Foundation
import TracewiseSupport

/// A JSON value as a source sent it: what connectors decode pages into before mapping records to events.
///
/// Numbers keep their text form's value as `Double`; integers up to 2^53 are exact.
public enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes a complete JSON document.
    ///
    /// - Throws: `DecodingError.dataCorrupted` whose description names the line and column of the first
    ///   syntax error; a duplicate member name is an error (keeping one of the two would lose data silently).
    public init(data: Data) throws {
        try self.init(utf8: Array(data))
    }

    /// Decodes a complete JSON document from its UTF-8 bytes (the form a reply body arrives in), with the
    /// package's one hand-written parser: page bodies are the connectors' hot path, and `Decodable` tries each
    /// JSON type in turn per value.
    init(utf8 bytes: [UInt8]) throws {
        var parser = JSONTreeParser<JSONValue>(bytes: bytes, limits: .init(maximumDepth: 256, maximumNodes: .max))
        do {
            self = try parser.parse()
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [],
                                                    debugDescription: "line \(error.line), column \(error.column): \(error.message)"))
        }
    }

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The value at a dotted path (`fields.status.name`), or nil.
    public func value(at path: String) -> JSONValue? {
        var current: JSONValue? = self
        for part in path.split(separator: ".") { current = current?[String(part)] }
        return current
    }

    public var string: String? {
        switch self {
        case .string(let text): return text
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// The JSON type name used by schema fingerprints.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let text = try? container.decode(String.self) { self = .string(text) }
        else if let values = try? container.decode([JSONValue].self) { self = .array(values) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }
}
