import EventLog

/// The error type of the Explain module (models and SHAP: model import and training, feature tables, explainers).
/// A growable ``Code`` callers can match, a message, and where in the input the problem was found.
///
/// ```swift
/// do { _ = try TreeEnsemble(contentsOfXGBoostJSON: url) }
/// catch let error as ExplainError where error.code == .invalidModel { print(error.location) }
/// ```
public struct ExplainError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable machine-readable code.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A file to read does not exist.
        public static let fileNotFound = Code(rawValue: "fileNotFound")
        /// A file could not be read or written.
        public static let ioError = Code(rawValue: "ioError")
        /// A model file is not a valid model (malformed JSON, inconsistent tree arrays).
        public static let invalidModel = Code(rawValue: "invalidModel")
        /// A valid model uses a feature this library does not support (multi-class, categorical splits).
        public static let unsupportedModel = Code(rawValue: "unsupportedModel")
        /// A data table names a feature the model does not know, or lacks one it needs.
        public static let unknownFeature = Code(rawValue: "unknownFeature")
        /// A data table's column count does not match the model.
        public static let featureCountMismatch = Code(rawValue: "featureCountMismatch")
        /// A data cell is not a number.
        public static let nonNumericCell = Code(rawValue: "nonNumericCell")
        /// A CSV table is malformed (ragged rows, unterminated quotes, no header).
        public static let malformedCSV = Code(rawValue: "malformedCSV")
        /// A data table has no rows where rows are needed.
        public static let emptyData = Code(rawValue: "emptyData")
        /// A parameter is out of its valid range.
        public static let invalidParameter = Code(rawValue: "invalidParameter")
    }

    /// Where in the input the error was found.
    public typealias Location = InputLocation

    public var code: Code
    public var message: String
    public var location: Location

    public init(_ code: Code, _ message: String, location: Location = Location()) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String {
        location.describing(code, message)
    }
}
