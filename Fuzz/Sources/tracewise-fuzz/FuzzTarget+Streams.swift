import TracewiseHTTP

extension FuzzTarget {
    /// Server-sent events (the OpenAI and Anthropic streams): the events do not depend on where the
    /// network cut the bytes into chunks.
    static let sse = FuzzTarget(name: "sse", summary: "SSEDecoder: whole input and awkward chunks give the same events") { bytes in
        func decode(_ chunks: [[UInt8]]) -> [ServerSentEvent]? {
            var decoder = SSEDecoder()
            var events: [ServerSentEvent] = []
            for chunk in chunks {
                guard let more = try? decoder.feed(chunk) else { return nil }
                events += more
            }
            return events + decoder.finish()
        }
        let whole = decode([bytes])
        invariant(decode(awkwardChunks(of: bytes)) == whole, "SSE events depend on chunk boundaries")
    }

    /// Newline-delimited JSON (the Ollama stream), and the line splitter under both decoders.
    static let ndjson = FuzzTarget(name: "ndjson", summary: "NDJSONDecoder and LineSplitter: chunking does not change the records") { bytes in
        func records(_ chunks: [[UInt8]]) -> [[UInt8]]? {
            var decoder = NDJSONDecoder()
            var records: [[UInt8]] = []
            for chunk in chunks {
                guard let more = try? decoder.feed(chunk) else { return nil }
                records += more
            }
            if let last = decoder.finish() { records.append(last) }
            return records
        }
        func lines(_ chunks: [[UInt8]]) -> [[UInt8]]? {
            var splitter = LineSplitter()
            var lines: [[UInt8]] = []
            for chunk in chunks {
                guard let more = try? splitter.feed(chunk) else { return nil }
                lines += more
            }
            if let last = splitter.finish() { lines.append(last) }
            return lines
        }
        let chunks = awkwardChunks(of: bytes)
        invariant(records(chunks) == records([bytes]), "NDJSON records depend on chunk boundaries")
        invariant(lines(chunks) == lines([bytes]), "lines depend on chunk boundaries")
    }

    /// The input cut into chunks of 1, 2, 3, 5, 8 and 13 bytes in turn, so CR/LF pairs and multi-byte UTF-8
    /// sequences fall across boundaries.
    static func awkwardChunks(of bytes: [UInt8]) -> [[UInt8]] {
        let sizes = [1, 2, 3, 5, 8, 13]
        var chunks: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + sizes[chunks.count % sizes.count])
            chunks.append(Array(bytes[start..<end]))
            start = end
        }
        return chunks
    }
}
