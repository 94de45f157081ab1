import Packs

extension PackValue {
    /// The value as plain text for interpolation and memory: strings bare, numbers without a trailing `.0`.
    var plainText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .string(let s): return s
        case .array(let items): return items.map(\.plainText).joined(separator: ", ")
        case .object(let members): return members.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.plainText)" }.joined(separator: ", ")
        }
    }
}
