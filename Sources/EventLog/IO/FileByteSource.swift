#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file with POSIX `read(2)`, so nothing but the caller's buffer holds its contents.
package final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let path: String

    /// - Throws: ``EventLogError`` `.fileNotFound` or `.ioError`.
    package init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code: EventLogError.Code = errno == ENOENT ? .fileNotFound : .ioError
            throw EventLogError(code, "cannot open the file (\(String(cString: strerror(errno))))",
                                location: .init(file: path))
        }
    }

    deinit { close(descriptor) }

    /// The size of the file at `path` in bytes, or nil when it cannot be determined (a pipe, a missing file).
    static func size(ofFileAt path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = posixRead(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw EventLogError(.ioError, "cannot read the file (\(String(cString: strerror(errno))))",
                                location: .init(file: path))
        }
    }
}

/// `read(2)`, named apart from ``FileByteSource/read(into:)``.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
