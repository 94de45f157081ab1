#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes to a new (or truncated) file with POSIX `write(2)`.
final class BufferedFileWriter {
    private let descriptor: Int32
    private let path: String

    /// - Throws: ``EventLogError`` `.ioError` when the file cannot be created.
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw EventLogError(.ioError, "cannot create the file (\(String(cString: strerror(errno))))",
                                location: .init(file: path))
        }
    }

    deinit { close(descriptor) }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = posixWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw EventLogError(.ioError, "cannot write the file (\(String(cString: strerror(errno))))",
                                    location: .init(file: path))
            }
            offset += n
        }
    }
}

/// `write(2)`, named apart from ``BufferedFileWriter/write(_:)``.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
