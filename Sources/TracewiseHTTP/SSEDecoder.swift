/// An incremental `text/event-stream` decoder: feed it byte chunks as they arrive, split anywhere, and
/// take the events they complete. Follows the HTML standard's parsing rules: LF/CR/CRLF line ends, a
/// leading BOM ignored, `:` comment lines ignored, one optional space after the colon removed, several
/// `data:` lines joined with newlines, an event dispatched at a blank line and only if it has data, and an
/// unfinished event at the end of the stream discarded.
///
/// ```swift
/// var decoder = SSEDecoder()
/// for try await chunk in response.body {
///     for event in try decoder.feed(chunk) { print(event.event, event.data) }
/// }
/// ```
public struct SSEDecoder: Sendable {
    private var lines = LineSplitter()
    private var sawFirstBytes = false
    private var eventName = ""
    private var dataLines: [String] = []
    private var hasData = false
    private var lastID: String?
    private var retry: Int?

    public init() {}

    /// The events completed by `bytes`.
    public mutating func feed(_ bytes: [UInt8]) throws(StreamDecodingError) -> [ServerSentEvent] {
        var input = bytes[...]
        if !sawFirstBytes, !input.isEmpty {
            sawFirstBytes = true
            if input.starts(with: [0xEF, 0xBB, 0xBF]) { input = input.dropFirst(3) }
        }
        var events: [ServerSentEvent] = []
        for line in try lines.feed(input) {
            if let event = try process(line) { events.append(event) }
        }
        return events
    }

    /// Ends the stream. An event not closed by a blank line is discarded, as the standard requires.
    public mutating func finish() -> [ServerSentEvent] {
        _ = lines.finish()
        return []
    }

    private mutating func process(_ line: [UInt8]) throws(StreamDecodingError) -> ServerSentEvent? {
        if line.isEmpty {
            defer {
                eventName = ""
                dataLines.removeAll()
                hasData = false
            }
            guard hasData else { return nil }
            return ServerSentEvent(event: eventName.isEmpty ? "message" : eventName,
                                   data: dataLines.joined(separator: "\n"), id: lastID, retry: retry)
        }
        if line.first == UInt8(ascii: ":") { return nil }
        let colon = line.firstIndex(of: UInt8(ascii: ":"))
        let field = try Self.text(colon.map { Array(line[..<$0]) } ?? line)
        var value: [UInt8] = []
        if let colon {
            var start = line.index(after: colon)
            if start < line.endIndex, line[start] == UInt8(ascii: " ") { start = line.index(after: start) }
            value = Array(line[start...])
        }
        switch field {
        case "event": eventName = try Self.text(value)
        case "data":
            dataLines.append(try Self.text(value))
            hasData = true
        case "id" where !value.contains(0): lastID = try Self.text(value)
        case "retry": retry = Int(try Self.text(value))
        default: break
        }
        return nil
    }

    private static func text(_ bytes: [UInt8]) throws(StreamDecodingError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw StreamDecodingError("an event-stream line is not valid UTF-8")
        }
        return text
    }
}
