import Foundation

/// An OpenAPI 3.1 document as the route tests use it: which operation a concrete request reached, and whether
/// a real response (status, media type, body) is what that operation documents.
///
/// ```swift
/// let spec = try OpenAPIDocument(contentsOf: SharedData.packageRoot.appendingPathComponent("Web/openapi.json"))
/// let problems = spec.check(method: "GET", path: "/health", status: 200, contentType: "application/json", body: bytes)
/// ```
public struct OpenAPIDocument: Sendable {
    public let root: JSONInstance
    private let validator: JSONSchemaValidator
    private let templates: [(template: String, segments: [Substring])]

    /// Reads and parses the document.
    public init(contentsOf url: URL) throws {
        root = try JSONInstance(parsing: Array(try Data(contentsOf: url)))
        validator = JSONSchemaValidator(root: root)
        guard case .object(let paths)? = root["paths"] else {
            templates = []
            return
        }
        templates = paths.keys.sorted().map { ($0, $0.split(separator: "/")) }
    }

    /// Every documented success as `METHOD TEMPLATE STATUS` (e.g. `GET /health 200`).
    public var documentedSuccesses: Set<String> {
        guard case .object(let paths)? = root["paths"] else { return [] }
        var all: Set<String> = []
        for (template, item) in paths {
            guard case .object(let operations) = item else { continue }
            for (method, operation) in operations {
                guard case .object(let responses)? = operation["responses"] else { continue }
                for status in responses.keys where status.hasPrefix("2") { all.insert("\(method.uppercased()) \(template) \(status)") }
            }
        }
        return all
    }

    /// The path template a concrete path (without its query) matches for `method`: literal segments must be
    /// equal, `{name}` segments match any one segment; the template with the most literal segments wins.
    public func template(for method: String, path: String) -> String? {
        let segments = path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
        let candidates = templates.filter { candidate in
            guard candidate.segments.count == segments.count, root["paths"]?[candidate.template]?[method.lowercased()] != nil else { return false }
            return zip(candidate.segments, segments).allSatisfy { pattern, segment in pattern.hasPrefix("{") || pattern == segment }
        }
        return candidates.max { lhs, rhs in
            lhs.segments.filter { !$0.hasPrefix("{") }.count < rhs.segments.filter { !$0.hasPrefix("{") }.count
        }?.template
    }

    /// What is wrong with a real response to `method path` (empty when it is what the document says), or nil
    /// when the path is not an operation of the document (static files, say).
    ///
    /// The status must be documented for the operation; the response's media type must be one documented for
    /// that status; a JSON body (`application/json`, `application/problem+json`) must validate against the
    /// documented schema, and so must each line of an `application/x-ndjson` body.
    public func check(method: String, path: String, status: Int, contentType: String?, body: [UInt8]) -> [String]? {
        guard let template = template(for: method, path: path) else { return nil }
        let operation = "\(method.uppercased()) \(template)"
        guard case .object(let responses)? = root["paths"]?[template]?[method.lowercased()]?["responses"] else {
            return ["\(operation): no responses documented"]
        }
        guard var response = responses[String(status)] ?? responses["\(status / 100)XX"] ?? responses["default"] else {
            return ["\(operation): status \(status) is not documented (documented: \(responses.keys.sorted().joined(separator: ", ")))"]
        }
        if case .string(let reference)? = response["$ref"], let target = root.value(at: String(reference.dropFirst())) { response = target }
        guard case .object(let content)? = response["content"] else {
            return body.isEmpty ? [] : ["\(operation) \(status): documented without a body, but \(body.count) bytes were sent"]
        }
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let media = content[mediaType] else {
            return ["\(operation) \(status): media type '\(mediaType)' is not documented (documented: \(content.keys.sorted().joined(separator: ", ")))"]
        }
        guard let schema = media["schema"] else { return [] }
        if mediaType == "application/json" || mediaType.hasSuffix("+json") {
            return validate(body, schema, "\(operation) \(status)")
        }
        if mediaType == "application/x-ndjson" {
            return body.split(separator: UInt8(ascii: "\n")).enumerated().flatMap { index, line in
                validate(Array(line), schema, "\(operation) \(status) line \(index + 1)")
            }
        }
        return []
    }

    private func validate(_ bytes: [UInt8], _ schema: JSONInstance, _ context: String) -> [String] {
        let instance: JSONInstance
        do {
            instance = try JSONInstance(parsing: bytes)
        } catch {
            return ["\(context): the body is not JSON"]
        }
        return validator.validate(instance, against: schema).map { "\(context): \($0)" }
    }
}
