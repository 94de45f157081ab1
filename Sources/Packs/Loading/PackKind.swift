/// The two kinds of pack document.
public enum PackKind: String, Hashable, Sendable, Codable {
    case domain
    case tenantPolicy

    /// The kind a document tree looks like: a `tenantId` member makes a tenant policy pack, anything else is
    /// read as a domain pack.
    public static func of(_ document: PackValue) -> PackKind {
        document["tenantId"] != nil ? .tenantPolicy : .domain
    }
}
