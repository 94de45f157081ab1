/// The correctly rounded mean of doubles, computed from their exact sum (as Python's `statistics.mean`).
///
/// Summing floating-point values naively loses low-order bits, so two libraries disagree in the last digit;
/// PM4Py's oracle figures use the exact mean. Every finite double is an integer multiple of 2^-1074, so the
/// sum is accumulated exactly in a wide fixed-point integer and divided once, with a single rounding.
enum ExactMean {
    static func of(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        guard values.allSatisfy(\.isFinite) else { return values.reduce(0, +) / Double(values.count) }
        var sum = WideFixedPoint()
        for v in values { sum.add(v) }
        return sum.divided(by: values.count)
    }

    /// The correctly rounded sum of `values` (0 when empty; the plain sum when any value is not finite).
    static func sum(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        guard values.allSatisfy(\.isFinite) else { return values.reduce(0, +) }
        var sum = WideFixedPoint()
        for v in values { sum.add(v) }
        return sum.divided(by: 1)
    }
}

/// A signed fixed-point number with 2^-1074 resolution, wide enough to hold any sum of up to 2^60 doubles.
/// Positive and negative terms are accumulated separately (additions only, in place) and combined once.
private struct WideFixedPoint {
    private static let limbCount = 36
    /// Magnitudes in units of 2^-1074, little-endian limbs of 64 bits.
    private var positive = [UInt64](repeating: 0, count: limbCount)
    private var negative = [UInt64](repeating: 0, count: limbCount)

    mutating func add(_ value: Double) {
        guard value != 0 else { return }
        let significand = value.significandBitPattern | (value.exponentBitPattern == 0 ? 0 : 1 << 52)
        let shift = (value.exponentBitPattern == 0 ? 1 : Int(value.exponentBitPattern)) - 1
        let limb = shift / 64, bit = UInt64(shift % 64)
        let low = significand << bit
        let high = bit == 0 ? 0 : significand >> (64 - bit)
        if value < 0 {
            Self.add(low, high, at: limb, to: &negative)
        } else {
            Self.add(low, high, at: limb, to: &positive)
        }
    }

    private static func add(_ low: UInt64, _ high: UInt64, at index: Int, to limbs: inout [UInt64]) {
        var (s, overflow) = limbs[index].addingReportingOverflow(low)
        limbs[index] = s
        var carry: UInt64 = high + (overflow ? 1 : 0)
        var i = index + 1
        while carry != 0 && i < limbs.count {
            (s, overflow) = limbs[i].addingReportingOverflow(carry)
            limbs[i] = s
            carry = overflow ? 1 : 0
            i += 1
        }
    }

    /// `self / n`, rounded to the nearest double (ties to even).
    func divided(by n: Int) -> Double {
        let isNegative = Self.compare(negative, positive) > 0
        var quotient = isNegative ? Self.difference(negative, positive) : Self.difference(positive, negative)
        var remainder: UInt64 = 0
        let divisor = UInt64(n)
        for i in stride(from: quotient.count - 1, through: 0, by: -1) {
            let (q, r) = divisor.dividingFullWidth((remainder, quotient[i]))
            quotient[i] = q
            remainder = r
        }
        let magnitude = Self.toDouble(quotient, sticky: remainder != 0)
        return isNegative ? -magnitude : magnitude
    }

    /// Converts limbs (units of 2^-1074) to the nearest double; `sticky` marks a nonzero discarded tail.
    private static func toDouble(_ limbs: [UInt64], sticky: Bool) -> Double {
        guard let top = limbs.lastIndex(where: { $0 != 0 }) else { return 0 }
        let highBit = top * 64 + (63 - limbs[top].leadingZeroBitCount)
        if highBit < 53 {
            // Subnormal range or small: exact up to the sticky tail, which only matters below 2^-1074.
            return Double(limbs[0]) * Double.leastNonzeroMagnitude
        }
        let dropped = highBit - 52  // bits below the 53-bit significand
        var mantissa: UInt64 = 0
        for b in 0...52 where bit(limbs, dropped + b) { mantissa |= 1 << UInt64(b) }
        let roundBit = bit(limbs, dropped - 1)
        var tail = sticky
        if !tail { for b in 0..<(dropped - 1) where bit(limbs, b) { tail = true; break } }
        if roundBit && (tail || mantissa & 1 == 1) { mantissa += 1 }
        return Double(sign: .plus, exponent: dropped - 1074, significand: Double(mantissa))
    }

    private static func bit(_ limbs: [UInt64], _ index: Int) -> Bool {
        index >= 0 && (limbs[index / 64] >> UInt64(index % 64)) & 1 == 1
    }

    private static func difference(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = a
        var borrow: UInt64 = 0
        for i in result.indices {
            let (d1, o1) = a[i].subtractingReportingOverflow(b[i])
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            result[i] = d2
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        return result
    }

    private static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
            return a[i] < b[i] ? -1 : 1
        }
        return 0
    }
}
