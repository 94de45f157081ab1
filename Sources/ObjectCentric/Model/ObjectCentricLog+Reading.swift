import Foundation

extension ObjectCentricLog {
    /// Reads an OCEL 2.0 (JSON, XML or SQLite) or OCEL 1.0 (JSON or XML) file, strictly: the first
    /// violation of the format or of the OCEL constraints throws a positioned ``ObjectCentricError``.
    ///
    /// The format is recognised from the content (SQLite header, `<`, `{`), so a misnamed file still reads.
    ///
    /// ```swift
    /// let log = try ObjectCentricLog(contentsOf: URL(fileURLWithPath: "orders.sqlite"))
    /// print(log.eventCount, log.objectCount)
    /// ```
    /// - Throws: ``ObjectCentricError``.
    public init(contentsOf url: URL) throws {
        self = try ObjectCentricLog.read(contentsOf: url, options: .strict).log
    }

    /// Reads an OCEL file; in lenient mode, violations are skipped and listed in the result's `issues`.
    /// - Throws: ``ObjectCentricError`` for unreadable or malformed input (and, in strict mode, violations).
    public static func read(contentsOf url: URL, options: OCELImportOptions) throws -> ObjectCentricImport {
        let name = url.lastPathComponent
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ObjectCentricError(.fileNotFound, "no such file", location: .init(file: name))
        }
        let head: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = try handle.read(upToCount: 64) ?? Data()
        } catch {
            throw ObjectCentricError(.ioError, "cannot read the file", location: .init(file: name))
        }
        let format = head.withUnsafeBytes { OCELFormat.sniff($0) }
        switch format {
        case .sqlite:
            return try OCELSQLiteReader.read(path: url.path, fileName: name, options: options)
        case .xml:
            return try OCELXMLReader.read(path: url.path, fileName: name, options: options)
        case .json, nil:
            if format == nil, !head.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                throw ObjectCentricError(.unsupportedFormat, "not OCEL JSON, XML or SQLite", location: .init(file: name))
            }
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw ObjectCentricError(.ioError, "cannot read the file", location: .init(file: name))
            }
            return try read(data, fileName: name, format: format, options: options)
        }
    }

    /// Reads OCEL JSON or XML from memory. SQLite needs a file: use ``read(contentsOf:options:)``.
    /// - Throws: ``ObjectCentricError``.
    public static func read(_ data: Data, fileName: String? = nil, format: OCELFormat? = nil,
                            options: OCELImportOptions = .strict) throws -> ObjectCentricImport {
        try data.withUnsafeBytes { bytes in
            guard let format = format ?? OCELFormat.sniff(bytes) else {
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                    throw ObjectCentricError(.emptyFile, "the input is empty", location: .init(file: fileName))
                }
                throw ObjectCentricError(.unsupportedFormat, "not OCEL JSON or XML", location: .init(file: fileName))
            }
            switch format {
            case .json:
                var reader = OCELJSONReader(bytes: bytes, fileName: fileName, options: options)
                return try reader.read()
            case .xml:
                return try OCELXMLReader.read(data, fileName: fileName, options: options)
            case .sqlite:
                throw ObjectCentricError(.unsupportedFormat, "SQLite logs are read from a file", location: .init(file: fileName))
            }
        }
    }
}
