import TracewiseSupport

/// Text helpers for SVG and XML output: escaping, width estimates for a sans-serif font, line wrapping
/// and number formatting. Width estimates let renderers size boxes without a font engine.
package enum SVGText {
    /// Escapes display text for XML content and attribute values; control characters other than tab
    /// become spaces.
    package static func escape(_ text: String) -> String {
        XMLEscaping.escape(text, controlCharacters: .spaces)
    }

    /// Estimated width of `text` in a Helvetica/Arial-like font of `fontSize` points.
    package static func width(of text: String, fontSize: Double) -> Double {
        var units = 0.0
        for ch in text {
            switch ch {
            case "i", "l", "j", "!", "|", ".", ",", ":", ";", "'", "I", "f", "t", "r": units += 0.30
            case "m", "w", "M", "W": units += 0.86
            case " ": units += 0.28
            case "A"..."Z": units += 0.68
            case "0"..."9": units += 0.56
            case "_", "-": units += 0.50
            default: units += ch.isASCII ? 0.53 : 0.62
            }
        }
        return units * fontSize
    }

    /// Splits `text` into at most `maxLines` lines of at most `maxWidth` (by estimate), breaking at
    /// spaces, underscores or hyphens where possible; an over-long last line is shortened with "…".
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double, maxLines: Int = 2) -> [String] {
        guard width(of: text, fontSize: fontSize) > maxWidth else { return [text] }
        var lines: [String] = []
        var current = ""
        var word = ""
        func flushWord() {
            let candidate = current + word
            if width(of: candidate, fontSize: fontSize) <= maxWidth || current.isEmpty {
                current = candidate
            } else {
                lines.append(current.trimmingXMLWhitespace())
                current = word
            }
            word = ""
        }
        for ch in text {
            word.append(ch)
            if ch == " " || ch == "_" || ch == "-" || ch == "/" { flushWord() }
        }
        flushWord()
        if !current.isEmpty { lines.append(current.trimmingXMLWhitespace()) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] += "…"
        }
        return lines.map { line in
            var shortened = line
            while width(of: shortened, fontSize: fontSize) > maxWidth, shortened.count > 2 {
                shortened = String(shortened.dropLast(2)) + "…"
            }
            return shortened
        }
    }

    /// A number with at most `digits` decimals and no trailing zeros (for coordinates).
    package static func number(_ value: Double, digits: Int = 1) -> String {
        TextFormat.trimmed(value, digits: digits)
    }

    /// A human duration: "45 s", "12 min", "3.5 h", "2.1 d".
    static func duration(_ seconds: Double) -> String {
        TextFormat.duration(seconds: seconds, style: .abbreviated)
    }

    /// A count with thousands separators: 12,345.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(ch)
        }
        return value < 0 ? "-" + result : result
    }
}

/// An sRGB colour with linear interpolation along a palette, for frequency and duration scales.
struct RGBColor: Hashable {
    var red: Double, green: Double, blue: Double

    init(hex: UInt32) {
        red = Double((hex >> 16) & 0xFF)
        green = Double((hex >> 8) & 0xFF)
        blue = Double(hex & 0xFF)
    }

    init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    var css: String {
        func hex(_ v: Double) -> String {
            let byte = Int(max(0, min(255, v.rounded())))
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
        return "#" + hex(red) + hex(green) + hex(blue)
    }

    /// Relative luminance in 0...1, to choose black or white text.
    var luminance: Double { (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255 }

    /// The colour at `t` (0...1) along `palette` (evenly spaced stops).
    static func along(_ palette: [RGBColor], at t: Double) -> RGBColor {
        let clamped = max(0, min(1, t.isFinite ? t : 0))
        let scaled = clamped * Double(palette.count - 1)
        let i = min(palette.count - 2, Int(scaled))
        let f = scaled - Double(i)
        let a = palette[i], b = palette[i + 1]
        return RGBColor(red: a.red + (b.red - a.red) * f, green: a.green + (b.green - a.green) * f,
                        blue: a.blue + (b.blue - a.blue) * f)
    }
}
