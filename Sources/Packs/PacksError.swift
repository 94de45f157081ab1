/// The one error type of the Packs module for failures that are not validation findings
/// (those are collected in a validation report instead of thrown).
public struct PacksError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let fileNotFound = Code(rawValue: "fileNotFound")
        public static let syntaxError = Code(rawValue: "syntaxError")
        public static let invalidPack = Code(rawValue: "invalidPack")
        public static let storageFailure = Code(rawValue: "storageFailure")
    }

    public var code: Code
    public var message: String
    /// The file the error concerns, when there is one.
    public var file: String?

    public init(_ code: Code, _ message: String, file: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
    }

    public var description: String { file.map { "\($0): \(code): \(message)" } ?? "\(code): \(message)" }
}
