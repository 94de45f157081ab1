import Foundation

/// Whole-file reads and writes for the model formats (PNML, PTML, BPMN), with the typed errors every
/// reader and writer of Discovery throws.
enum DiscoveryFile {
    /// The bytes of the file at `url`.
    /// - Throws: ``DiscoveryError`` `.fileNotFound` or `.ioError`.
    static func read(_ url: URL) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DiscoveryError(.fileNotFound, "no such file", location: .init(file: url.path))
        }
        do { return [UInt8](try Data(contentsOf: url)) } catch {
            throw DiscoveryError(.ioError, "cannot read the file: \(error.localizedDescription)", location: .init(file: url.path))
        }
    }

    /// Writes `text` as UTF-8 to `url`, atomically: the file appears only when writing succeeded.
    /// - Throws: ``DiscoveryError`` `.ioError`.
    static func write(_ text: String, to url: URL) throws {
        do { try Data(text.utf8).write(to: url, options: .atomic) } catch {
            throw DiscoveryError(.ioError, "cannot write the file: \(error.localizedDescription)", location: .init(file: url.path))
        }
    }
}
