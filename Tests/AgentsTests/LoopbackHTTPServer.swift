import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for execution-engine tests. Each request is answered by `respond`,
/// which gets the 1-based request number and the path and returns (status, body, delay in seconds).
/// It serves one connection at a time, closes each connection after one response, and stops on `stop()`.
final class LoopbackHTTPServer: @unchecked Sendable {
    typealias Responder = @Sendable (_ requestNumber: Int, _ path: String, _ headers: [String: String]) -> (status: Int, body: String, delay: Double)

    let port: UInt16
    private let socketFD: Int32
    private let respond: Responder
    private let lock = NSLock()
    private var requestCount = 0
    private var receivedHeaders: [[String: String]] = []
    private var stopped = false
    private let thread: Thread

    init(respond: @escaping Responder) throws {
        self.respond = respond
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        socketFD = fd
        let box = ServerBox()
        thread = Thread { box.server?.serve() }
        box.server = self
        thread.start()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    var requests: Int {
        lock.lock()
        defer { lock.unlock() }
        return requestCount
    }

    var headersSeen: [[String: String]] {
        lock.lock()
        defer { lock.unlock() }
        return receivedHeaders
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }

    private func serve() {
        while true {
            let client = accept(socketFD, nil, nil)
            lock.lock()
            let done = stopped
            lock.unlock()
            if client < 0 || done { return }
            handle(client)
        }
    }

    private func handle(_ client: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var request: [UInt8] = []
        while !request.containsHeaderEnd {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { break }
            request += buffer[0..<n]
        }
        let text = String(decoding: request, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let path = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if let length = headers["content-length"].flatMap(Int.init), let headerEnd = text.range(of: "\r\n\r\n") {
            var have = text.utf8.distance(from: headerEnd.upperBound, to: text.endIndex)
            while have < length {
                let n = read(client, &buffer, buffer.count)
                if n <= 0 { break }
                have += n
            }
        }
        lock.lock()
        requestCount += 1
        let number = requestCount
        receivedHeaders.append(headers)
        lock.unlock()
        let (status, body, delay) = respond(number, path, headers)
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        let response = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        let bytes = Array(response.utf8)
        _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, bytes.count) }
        close(client)
    }
}

private final class ServerBox: @unchecked Sendable {
    weak var server: LoopbackHTTPServer?
}

private extension [UInt8] {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 {
            return true
        }
        return false
    }
}
