import TracewiseSupport

/// Helpers for writing SVG and HTML text.
enum SVGText {
    /// `text` with XML's special characters escaped, safe inside elements and quoted attributes; control
    /// characters XML 1.0 cannot hold are dropped (line feed, carriage return and tab become references).
    static func escape(_ text: String) -> String {
        XMLEscaping.escape(text)
    }

    /// A coordinate with at most two decimals.
    static func coordinate(_ value: Double) -> String {
        FactFormat.number(value.isFinite ? value : 0, decimals: 2)
    }

    /// A value label: two decimals below 10, one below 100, none above.
    static func value(_ value: Double) -> String {
        let magnitude = abs(value)
        return FactFormat.number(value, decimals: magnitude < 10 ? 2 : magnitude < 100 ? 1 : 0)
    }

    /// `label` cut to `limit` characters with an ellipsis.
    static func truncate(_ label: String, _ limit: Int) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }
}
