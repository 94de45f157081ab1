#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file through a temporary sibling that is renamed into place by ``finish()``, so a failed
/// export never leaves a partial file under the final name. Writing stops with `CancellationError` once the
/// writing task is cancelled (checked once per chunk written; the temporary file is removed).
final class FileByteSink: ByteSink {
    private let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var finished = false

    /// - Throws: ``EventLogError`` `.ioError` when the file cannot be created.
    init(path: String) throws {
        self.path = path
        temporaryPath = path + ".partial-\(getpid())"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw Self.failure("cannot create the file", path) }
    }

    deinit {
        if !finished {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try Task.checkCancellation()
        var offset = 0
        while offset < bytes.count {
            let n = posixWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.failure("cannot write the file", path)
            }
            offset += n
        }
    }

    func finish() throws {
        guard !finished else { return }
        finished = true
        let closed = close(descriptor)
        guard closed == 0, rename(temporaryPath, path) == 0 else {
            unlink(temporaryPath)
            throw Self.failure("cannot complete the file", path)
        }
    }

    private static func failure(_ message: String, _ path: String) -> EventLogError {
        EventLogError(.ioError, "\(message) (\(String(cString: strerror(errno))))", location: .init(file: path))
    }
}

/// `write(2)`, named apart from ``FileByteSink/write(_:)``.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
