import Foundation

extension ObjectCentricLog {
    /// Writes the log as OCEL 2.0 in `format`, or in the format the file name's extension names
    /// (`.jsonocel`/`.json`, `.xmlocel`/`.xml`, `.sqlite`). An existing file is replaced.
    ///
    /// ```swift
    /// try log.write(to: URL(fileURLWithPath: "orders.sqlite"))
    /// ```
    /// - Throws: ``ObjectCentricError`` (`unsupportedFormat`, `ioError`, `sqliteError`).
    public func write(to url: URL, format: OCELFormat? = nil) throws {
        let name = url.lastPathComponent
        guard let format = format ?? OCELFormat(fileName: name) else {
            throw ObjectCentricError(.unsupportedFormat, "cannot tell the format from the extension (use .jsonocel, .xmlocel or .sqlite)",
                                     location: .init(file: name))
        }
        if FileManager.default.fileExists(atPath: url.path) {
            do { try FileManager.default.removeItem(at: url) } catch {
                throw ObjectCentricError(.ioError, "cannot replace the existing file", location: .init(file: name))
            }
        }
        switch format {
        case .sqlite:
            try OCELSQLiteWriter().write(self, toPath: url.path, fileName: name)
        case .json, .xml:
            let data = format == .json ? Data(OCELJSONWriter().bytes(self)) : Data(OCELXMLWriter().string(self).utf8)
            do { try data.write(to: url, options: .atomic) } catch {
                throw ObjectCentricError(.ioError, "cannot write the file", location: .init(file: name))
            }
        }
    }

    /// The log as OCEL 2.0 JSON or XML bytes (SQLite needs a file: use ``write(to:format:)``).
    /// - Throws: ``ObjectCentricError`` with code `unsupportedFormat` for `.sqlite`.
    public func data(format: OCELFormat) throws -> Data {
        switch format {
        case .json: return Data(OCELJSONWriter().bytes(self))
        case .xml: return Data(OCELXMLWriter().string(self).utf8)
        case .sqlite: throw ObjectCentricError(.unsupportedFormat, "SQLite logs are written to a file")
        }
    }
}
