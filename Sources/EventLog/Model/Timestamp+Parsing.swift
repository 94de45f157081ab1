extension Timestamp {
    /// Parses ISO 8601 text as the CSV importer does: `yyyy-MM-dd[( |T)HH:mm[:ss[.f…]]][Z|±hh[:mm]|±hhmm]`.
    ///
    /// Connectors and hosts use it for timestamps that arrive as text (`2023-06-24T19:24:50.000+0000`).
    ///
    /// ```swift
    /// Timestamp(iso8601: "2024-01-16T11:45:30.250Z")?.microseconds  // 1705405530250000
    /// ```
    public init?(iso8601 text: String) {
        var text = text
        let parsed = text.withUTF8 { TimestampParser.iso(UnsafeRawBufferPointer($0)) }
        guard let parsed else { return nil }
        self = parsed
    }
}
