/// The outcome of loading one pack: the pack when it is valid, and every finding either way.
public struct PackLoadResult<Pack: Sendable>: Sendable {
    /// The decoded pack; nil when the report has errors.
    public var pack: Pack?
    public var report: ValidationReport
    /// The document tree as read (before defaults), when the file parsed.
    public var document: PackValue?
    public var format: PackDocumentFormat?

    public init(pack: Pack?, report: ValidationReport, document: PackValue?, format: PackDocumentFormat?) {
        self.pack = pack
        self.report = report
        self.document = document
        self.format = format
    }

    /// The pack, or a `PacksError` (`invalidPack`) listing the first errors.
    public func get() throws(PacksError) -> Pack {
        if let pack { return pack }
        let summary = report.errors.prefix(5).map(\.description).joined(separator: "; ")
        throw PacksError(.invalidPack, "\(report.errors.count) validation error(s): \(summary)", file: report.errors.first?.file)
    }
}
