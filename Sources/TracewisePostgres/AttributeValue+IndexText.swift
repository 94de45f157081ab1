import EventLog
import Foundation

extension AttributeValue {
    /// The typed text the attribute-value index stores, such that two values have the same text exactly when
    /// they are equal as `AttributeValue`s (the type is part of the text; strings in NFC, because Swift
    /// compares strings by canonical equivalence; `0.0` and `-0.0` alike; a date with its UTC offset). Nil for
    /// values the index does not hold: NaN, which equals nothing, and lists and containers.
    var indexText: String? {
        switch self {
        case .string(let text): "string:" + text.precomposedStringWithCanonicalMapping
        case .id(let text): "id:" + text.precomposedStringWithCanonicalMapping
        case .int(let value): "int:\(value)"
        case .float(let value): value.isNaN ? nil : value == 0 ? "float:0" : "float:\(value)"
        case .boolean(let value): "boolean:\(value)"
        case .date(let timestamp): "date:\(timestamp.microseconds):" + (timestamp.utcOffsetMinutes.map { "\($0)" } ?? "")
        case .list, .container: nil
        }
    }

    /// True for the values the index cannot answer for (lists and containers).
    var isCompound: Bool {
        switch self {
        case .list, .container: true
        default: false
        }
    }
}
