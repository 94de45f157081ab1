import Foundation

/// Writes command output files atomically, turning failures into ``CLIError/failed(_:)`` (exit code 1).
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        do {
            try PhaseTimings.shared.measureOutput {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
        } catch {
            throw CLIError.failed("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
