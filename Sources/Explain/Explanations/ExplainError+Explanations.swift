extension ExplainError.Code {
    /// A target or scenario names an activity the log does not have.
    public static let unknownActivity = ExplainError.Code(rawValue: "unknownActivity")
    /// No case of the log has a value for the requested target.
    public static let noTarget = ExplainError.Code(rawValue: "noTarget")
}
