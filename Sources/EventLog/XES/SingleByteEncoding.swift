/// The 8-bit encodings an XML declaration may name besides UTF-8, mapped byte by byte to Unicode.
enum SingleByteEncoding {
    case latin1
    case windows1252

    /// Windows-1252's characters for 0x80–0x9F (0 where the code page leaves a byte undefined).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The character of byte `b` (≥ 0x80).
    func scalar(for b: UInt8) -> Unicode.Scalar {
        if self == .windows1252, b < 0xA0 {
            let mapped = Self.windows1252High[Int(b) - 0x80]
            if mapped != 0 { return Unicode.Scalar(mapped)! }
        }
        return Unicode.Scalar(b)
    }
}
