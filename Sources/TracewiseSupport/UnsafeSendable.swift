/// Carries a value that is not `Sendable` (typically a buffer pointer) into concurrent work that uses it
/// safely: every task writes only its own, disjoint part.
///
/// The one `@unchecked Sendable` wrapper of the package; ``ConcurrentWork`` is where it is used.
package struct UnsafeSendable<Value>: @unchecked Sendable {
    package let value: Value

    @inlinable
    package init(_ value: Value) { self.value = value }
}
