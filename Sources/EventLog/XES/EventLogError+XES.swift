extension ErrorCode where Domain == EventLogErrorDomain {
    /// A known XES element where XES does not allow it (an `<event>` outside a `<trace>`, `<values>`
    /// outside a `<list>`, ...).
    public static var unexpectedElement: Self { Self(rawValue: "unexpectedElement") }
}
