extension EventLogError.Code {
    /// A known XES element where XES does not allow it (an `<event>` outside a `<trace>`, `<values>`
    /// outside a `<list>`, ...).
    public static let unexpectedElement = EventLogError.Code(rawValue: "unexpectedElement")
}
