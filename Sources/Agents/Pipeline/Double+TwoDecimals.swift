import Foundation

extension Double {
    /// This number with two decimals, exactly as `String(format: "%.2f", self)` writes it: the exact binary value
    /// rounded half to even (`0.125` → `0.12`, `0.375` → `0.38`), a minus sign for any negative number, `-0` included.
    ///
    /// Triage writes one per similar case of every exception; Foundation's formatter cost more than the rest of the
    /// evidence. Numbers at or above 2⁵³ and non-finite ones are left to it (a test compares the two).
    package var twoDecimals: String {
        let magnitude = self.magnitude
        guard isFinite, magnitude < 9_007_199_254_740_992 else { return String(format: "%.2f", self) }
        // magnitude = significand · 2^exponent exactly, the significand an integer below 2⁵³.
        let significand = magnitude.significandBitPattern | (magnitude.isNormal ? 1 << 52 : 0)
        let exponent = Int(magnitude.isNormal ? magnitude.exponentBitPattern : 1) - 1_075
        let scaled = significand * 100
        var hundredths: UInt64
        if exponent >= 0 {
            hundredths = scaled << UInt64(exponent)
        } else if exponent <= -64 {
            hundredths = 0
        } else {
            let shift = UInt64(-exponent)
            hundredths = scaled >> shift
            let remainder = scaled & ((1 << shift) - 1)
            let half: UInt64 = 1 << (shift - 1)
            if remainder > half || (remainder == half && hundredths & 1 == 1) { hundredths += 1 }
        }
        let fraction = hundredths % 100
        var text = sign == .minus ? "-" : ""
        text += String(hundredths / 100)
        text += fraction < 10 ? ".0" : "."
        text += String(fraction)
        return text
    }
}
