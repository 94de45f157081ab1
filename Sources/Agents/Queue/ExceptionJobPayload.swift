import Packs

/// The payload of an ``JobKind/exception`` job: the raw exception and the id of the pack bundle (stored with
/// ``ExceptionWorkStore/savePackBundle(_:)``) that governs it. Its JSON is what the queue stores.
public struct ExceptionJobPayload: Sendable, Codable, Hashable {
    /// ``ExceptionWorkStore/savePackBundle(_:)``'s id for the domain and tenant packs.
    public var bundle: String
    /// The exception exactly as submitted.
    public var exception: PackValue

    public init(bundle: String, exception: PackValue) {
        self.bundle = bundle
        self.exception = exception
    }
}
