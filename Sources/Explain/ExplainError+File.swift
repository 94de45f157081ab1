import EventLog
import Foundation

extension LocatedError where Domain == ExplainErrorDomain {
    /// Reads the file at `url` and parses its bytes with `parse`: the one path every Explain reader of a file
    /// takes, so a missing file is `.fileNotFound`, an unreadable one `.ioError`, and any ``ExplainError`` the
    /// parser throws carries the file's path.
    static func parsing<T>(_ url: URL, _ parse: (Data) throws -> T) throws -> T {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ExplainError(.fileNotFound, "no such file", location: .init(file: url.path))
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ExplainError(.ioError, "cannot read: \(error.localizedDescription)", location: .init(file: url.path))
        }
        do {
            return try parse(data)
        } catch var error as ExplainError {
            error.location.file = url.path
            throw error
        }
    }
}
