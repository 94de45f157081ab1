import Discovery
import Foundation

/// Writes command output files, turning failures into a typed error (exit code 1).
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DiscoveryError(.ioError, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
