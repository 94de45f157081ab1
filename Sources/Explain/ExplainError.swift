import EventLog

/// The error type of the Explain module (models and SHAP: model import and training, feature tables, explainers).
/// A growable `ErrorCode` callers can match, a message, and where in the input the problem was found.
///
/// ```swift
/// do { _ = try TreeEnsemble(contentsOfXGBoostJSON: url) }
/// catch let error as ExplainError where error.code == .invalidModel { print(error.location) }
/// ```
public typealias ExplainError = LocatedError<ExplainErrorDomain>

/// The namespace of ``ExplainError``'s codes.
public enum ExplainErrorDomain: Sendable {}

extension ErrorCode where Domain == ExplainErrorDomain {
    /// A file to read does not exist.
    public static var fileNotFound: Self { Self(rawValue: "fileNotFound") }
    /// A file could not be read or written.
    public static var ioError: Self { Self(rawValue: "ioError") }
    /// A model file is not a valid model (malformed JSON, inconsistent tree arrays).
    public static var invalidModel: Self { Self(rawValue: "invalidModel") }
    /// A valid model uses a feature this library does not support (multi-class, categorical splits).
    public static var unsupportedModel: Self { Self(rawValue: "unsupportedModel") }
    /// A data table names a feature the model does not know, or lacks one it needs.
    public static var unknownFeature: Self { Self(rawValue: "unknownFeature") }
    /// A data table's column count does not match the model.
    public static var featureCountMismatch: Self { Self(rawValue: "featureCountMismatch") }
    /// A data cell is not a number.
    public static var nonNumericCell: Self { Self(rawValue: "nonNumericCell") }
    /// A CSV table is malformed (ragged rows, unterminated quotes, no header).
    public static var malformedCSV: Self { Self(rawValue: "malformedCSV") }
    /// A data table has no rows where rows are needed.
    public static var emptyData: Self { Self(rawValue: "emptyData") }
    /// A parameter is out of its valid range.
    public static var invalidParameter: Self { Self(rawValue: "invalidParameter") }
}
