/// An incremental newline-delimited JSON (`application/x-ndjson`) splitter: feed byte chunks split
/// anywhere and take the complete records (one JSON text per line, blank lines skipped). Records are
/// returned as bytes for the caller's `JSONDecoder`.
///
/// ```swift
/// var decoder = NDJSONDecoder()
/// for try await chunk in response.body {
///     for record in try decoder.feed(chunk) { let line = try JSONDecoder().decode(Line.self, from: Data(record)) }
/// }
/// if let last = decoder.finish() { … }   // a final record without a newline
/// ```
public struct NDJSONDecoder: Sendable {
    private var lines: LineSplitter

    public init(maxRecordLength: Int = 16 << 20) {
        lines = LineSplitter(maxLineLength: maxRecordLength)
    }

    /// The records completed by `bytes`.
    public mutating func feed(_ bytes: [UInt8]) throws(StreamDecodingError) -> [[UInt8]] {
        try lines.feed(bytes).filter { !Self.isBlank($0) }
    }

    /// The last record when the stream ended without a newline after it.
    public mutating func finish() -> [UInt8]? {
        guard let last = lines.finish(), !Self.isBlank(last) else { return nil }
        return last
    }

    private static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
