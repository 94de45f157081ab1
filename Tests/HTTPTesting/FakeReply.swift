/// What a ``LoopbackFakeServer`` sends back: a status, headers and the body as a sequence of parts.
///
/// A body of only `.bytes` parts is sent with `content-length`; one with pauses or a cut is sent with
/// chunked transfer encoding, each `.bytes` part written and flushed on its own.
public struct FakeReply: Sendable {
    public enum Part: Sendable, Hashable {
        /// Bytes written and flushed as one write.
        case bytes([UInt8])
        /// A wait before the next part (the head is sent before the first part).
        case pause(Duration)
        /// Closes the connection at once, leaving the body incomplete.
        case cut
    }

    public var status: Int
    public var headers: [(String, String)]
    public var parts: [Part]

    public init(status: Int = 200, headers: [(String, String)] = [], parts: [Part] = []) {
        self.status = status
        self.headers = headers
        self.parts = parts
    }

    /// A JSON body in one piece.
    public static func json(status: Int = 200, _ body: String, headers: [(String, String)] = []) -> FakeReply {
        FakeReply(status: status, headers: [("content-type", "application/json")] + headers, parts: [.bytes(Array(body.utf8))])
    }

    /// A streamed body (`contentType` such as `text/event-stream` or `application/x-ndjson`) written in
    /// chunks of the given sizes, cycled, with `gap` between writes, so a client sees reads that split
    /// lines, CRLFs and multi-byte characters. `cutAfter` closes the connection after that many bytes.
    public static func stream(_ text: String, contentType: String, chunkSizes: [Int] = [7, 1, 13, 2, 31, 3],
                              gap: Duration = .milliseconds(1), headers: [(String, String)] = [], status: Int = 200,
                              firstByteDelay: Duration? = nil, cutAfter: Int? = nil) -> FakeReply {
        var bytes = Array(text.utf8)
        var cut = false
        if let cutAfter, cutAfter < bytes.count {
            bytes = Array(bytes[..<cutAfter])
            cut = true
        }
        var parts: [Part] = firstByteDelay.map { [.pause($0)] } ?? []
        var index = 0
        var size = 0
        let sizes = chunkSizes.isEmpty ? [bytes.count] : chunkSizes.map { max(1, $0) }
        while index < bytes.count {
            let end = min(bytes.count, index + sizes[size % sizes.count])
            parts.append(.bytes(Array(bytes[index..<end])))
            if bytes.count > end, gap > .zero { parts.append(.pause(gap)) }
            index = end
            size += 1
        }
        if cut { parts.append(.cut) } else if parts.allSatisfy({ if case .bytes = $0 { true } else { false } }) {
            parts.append(.pause(.zero))
        }
        return FakeReply(status: status, headers: [("content-type", contentType)] + headers, parts: parts)
    }
}
