import Foundation

/// Loads domain packs and tenant policy packs from JSON or YAML and validates them completely: syntax (with
/// line and column), structure (unknown keys, missing keys, wrong types — each with its JSON pointer), and
/// cross-references, all collected in one report.
///
/// ```swift
/// let loader = PackLoader()
/// let domain = try loader.loadDomainPack(at: URL(fileURLWithPath: "Examples/Packs/finance/domain-pack.yaml")).get()
/// let tenant = try loader.loadTenantPolicyPack(at: URL(fileURLWithPath: "Examples/Packs/finance/tenant-pack.yaml"),
///                                              domainPack: domain).get()
/// ```
public struct PackLoader: Sendable {
    public var limits: DocumentLimits

    public init(limits: DocumentLimits = .default) {
        self.limits = limits
    }

    // MARK: Reading

    /// Reads a file into a document tree, or a report with the syntax error.
    public func readDocument(at url: URL) -> (document: PackValue?, format: PackDocumentFormat?, report: ValidationReport) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let issue = ValidationIssue(file: url.path, path: .root, code: .unreadableFile, message: "cannot read the file: \(error.localizedDescription)")
            return (nil, nil, ValidationReport(errors: [issue]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let issue = ValidationIssue(file: url.path, path: .root, code: .syntaxError, message: "the file is not UTF-8 text")
            return (nil, nil, ValidationReport(errors: [issue]))
        }
        let result = readDocument(text: text, path: url.path)
        return (result.document, result.format, result.report.attributed(to: url.path))
    }

    /// Parses text into a document tree, or a report with the syntax error.
    public func readDocument(text: String, path: String? = nil, format: PackDocumentFormat? = nil)
        -> (document: PackValue?, format: PackDocumentFormat, report: ValidationReport)
    {
        let detected = format ?? PackDocumentFormat.detect(path: path, text: text)
        do {
            let document = try PackDocumentReader.parse(text, path: path, format: detected, limits: limits)
            return (document, detected, ValidationReport())
        } catch {
            let issue = ValidationIssue(file: path, path: .root, code: .syntaxError, message: "\(detected == .json ? "JSON" : "YAML") syntax error: \(error.message)", location: error.location)
            return (nil, detected, ValidationReport(errors: [issue]))
        }
    }

    // MARK: Domain packs

    public func loadDomainPack(at url: URL) -> PackLoadResult<DomainPack> {
        let read = readDocument(at: url)
        guard let document = read.document else { return PackLoadResult(pack: nil, report: read.report, document: nil, format: read.format) }
        var result = validateDomainPack(document)
        result.report = result.report.attributed(to: url.path)
        result.format = read.format
        return result
    }

    public func loadDomainPack(text: String, path: String? = nil, format: PackDocumentFormat? = nil) -> PackLoadResult<DomainPack> {
        let read = readDocument(text: text, path: path, format: format)
        guard let document = read.document else { return PackLoadResult(pack: nil, report: read.report, document: nil, format: read.format) }
        var result = validateDomainPack(document)
        if let path { result.report = result.report.attributed(to: path) }
        result.format = read.format
        return result
    }

    /// Validates a domain pack document tree and decodes it when valid.
    public func validateDomainPack(_ document: PackValue) -> PackLoadResult<DomainPack> {
        var shape = ShapeValidator()
        let normalised = shape.check(document, against: PackSchema.domainPack, at: .root)
        var report = shape.report
        var references = DomainPackValidator(document: document)
        report.merge(references.validate())
        return decode(DomainPack.self, normalised, document: document, report: report)
    }

    // MARK: Tenant policy packs

    /// Loads a tenant policy pack; with `domainPack`, also checks it against that domain pack.
    public func loadTenantPolicyPack(at url: URL, domainPack: DomainPack? = nil) -> PackLoadResult<TenantPolicyPack> {
        let read = readDocument(at: url)
        guard let document = read.document else { return PackLoadResult(pack: nil, report: read.report, document: nil, format: read.format) }
        var result = validateTenantPolicyPack(document, domainPack: domainPack)
        result.report = result.report.attributed(to: url.path)
        result.format = read.format
        return result
    }

    public func loadTenantPolicyPack(
        text: String, path: String? = nil, format: PackDocumentFormat? = nil, domainPack: DomainPack? = nil
    ) -> PackLoadResult<TenantPolicyPack> {
        let read = readDocument(text: text, path: path, format: format)
        guard let document = read.document else { return PackLoadResult(pack: nil, report: read.report, document: nil, format: read.format) }
        var result = validateTenantPolicyPack(document, domainPack: domainPack)
        if let path { result.report = result.report.attributed(to: path) }
        result.format = read.format
        return result
    }

    /// Validates a tenant policy pack document tree (against `domainPack` when given) and decodes it when valid.
    public func validateTenantPolicyPack(_ document: PackValue, domainPack: DomainPack?) -> PackLoadResult<TenantPolicyPack> {
        var shape = ShapeValidator()
        let normalised = shape.check(document, against: PackSchema.tenantPolicyPack, at: .root)
        var report = shape.report
        var references = TenantPolicyValidator(document: document, domain: domainPack)
        report.merge(references.validate())
        return decode(TenantPolicyPack.self, normalised, document: document, report: report)
    }

    // MARK: Both

    /// Validates a domain pack and a tenant policy pack together — what the registry and `packs validate` do.
    public func loadBundle(domainPackAt domainURL: URL, tenantPolicyPackAt tenantURL: URL) -> PackLoadResult<PackBundle> {
        let domain = loadDomainPack(at: domainURL)
        guard let domainPack = domain.pack else {
            var report = domain.report
            report.merge(loadTenantPolicyPack(at: tenantURL).report)
            return PackLoadResult(pack: nil, report: report, document: nil, format: nil)
        }
        let tenant = loadTenantPolicyPack(at: tenantURL, domainPack: domainPack)
        var report = domain.report
        report.merge(tenant.report)
        return PackLoadResult(pack: tenant.pack.map { PackBundle(domain: domainPack, tenant: $0) }, report: report, document: nil, format: nil)
    }

    private func decode<Pack: Decodable>(_ type: Pack.Type, _ normalised: PackValue?, document: PackValue, report: ValidationReport) -> PackLoadResult<Pack> {
        guard report.isValid, let normalised else { return PackLoadResult(pack: nil, report: report, document: document, format: nil) }
        do {
            let pack = try PackValueDecoding.decode(Pack.self, from: normalised)
            return PackLoadResult(pack: pack, report: report, document: document, format: nil)
        } catch {
            var report = report
            report.error(.typeMismatch, at: Self.pointer(of: error), "cannot decode: \(error)")
            return PackLoadResult(pack: nil, report: report, document: document, format: nil)
        }
    }

    private static func pointer(of error: any Error) -> JSONPointer {
        let codingPath: [any CodingKey]
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            codingPath = context.codingPath
        default:
            codingPath = []
        }
        return JSONPointer(codingPath.map { key in key.intValue.map(JSONPointer.Component.index) ?? .key(key.stringValue) })
    }
}
