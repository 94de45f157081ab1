/// Escaping for the XML the package writes (PNML, PTML, BPMN, SVG, HTML, XSD): markup characters become entities,
/// and control characters, which XML 1.0 cannot hold (or attribute-value normalisation would change), are
/// handled as the format needs.
package enum XMLEscaping {
    /// What happens to control characters.
    package enum ControlCharacters {
        /// Line feed, carriage return and tab become character references, so model labels survive a round
        /// trip exactly; other control characters are dropped.
        case characterReferences
        /// Control characters other than tab become spaces: display text, where a line break means nothing.
        case spaces
    }

    package static func escape(_ text: String, controlCharacters: ControlCharacters = .characterReferences) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                if scalar.value < 0x20 {
                    result += replacement(of: scalar, controlCharacters)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    private static func replacement(of control: Unicode.Scalar, _ handling: ControlCharacters) -> String {
        switch (handling, control) {
        case (.characterReferences, "\n"): "&#10;"
        case (.characterReferences, "\r"): "&#13;"
        case (.characterReferences, "\t"): "&#9;"
        case (.characterReferences, _): ""
        case (.spaces, "\t"): "\t"
        case (.spaces, _): " "
        }
    }
}
