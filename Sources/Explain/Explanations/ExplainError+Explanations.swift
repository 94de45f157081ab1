import EventLog

extension ErrorCode where Domain == ExplainErrorDomain {
    /// A target or scenario names an activity the log does not have.
    public static var unknownActivity: Self { Self(rawValue: "unknownActivity") }
    /// No case of the log has a value for the requested target.
    public static var noTarget: Self { Self(rawValue: "noTarget") }
}
