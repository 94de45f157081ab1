/// Interns strings to dense `Int32` codes so hot loops compare integers, not strings.
///
/// Codes are assigned in first-seen order starting at 0 and never change.
/// - Complexity: `intern` is amortised O(length of the string); `name(of:)` is O(1).
public struct SymbolTable: Sendable, Hashable {
    public private(set) var names: [String] = []
    private var codes: [String: Int32] = [:]

    public init() {}

    public init(_ names: [String]) {
        for name in names { intern(name) }
    }

    /// The number of distinct strings.
    public var count: Int { names.count }

    /// Returns the code of `name`, adding it when new.
    @discardableResult
    public mutating func intern(_ name: String) -> Int32 {
        if let code = codes[name] { return code }
        let code = Int32(names.count)
        names.append(name)
        codes[name] = code
        return code
    }

    /// The code of `name`, or nil when it was never interned.
    public func code(of name: String) -> Int32? { codes[name] }

    /// The string of a code.
    public func name(of code: Int32) -> String { names[Int(code)] }

    public static func == (lhs: SymbolTable, rhs: SymbolTable) -> Bool { lhs.names == rhs.names }
    public func hash(into hasher: inout Hasher) { hasher.combine(names) }
}
