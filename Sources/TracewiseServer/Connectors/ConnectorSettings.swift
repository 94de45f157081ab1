import TracewiseConnectors

/// Where a tenant's pulls find their source's base URL and credentials: the host's environment (never a request
/// body, a pack or the database), so an API key can start a pull but never learn or redirect a secret.
///
/// For source `jira` and tenant `acme`, each variable (`JIRA_BASE_URL`, `JIRA_EMAIL`, `JIRA_API_TOKEN`) is read as
/// `TRACEWISE_ACME_JIRA_BASE_URL` first (tenant-specific: letters upper-cased, anything else but digits `_`), then
/// as `JIRA_BASE_URL`. A tenant with no settings of its own uses the host's.
struct ConnectorSettings: Sendable {
    let environment: [String: String]

    /// The variable naming `source`'s base URL.
    static func baseURLVariable(_ source: ConnectorSource) -> String { source.rawValue.uppercased() + "_BASE_URL" }

    /// The base URL and credentials of `source` for `tenant`, as the unprefixed variables the connectors read.
    /// - Throws: ``ServerError`` 409 `connector-not-configured` naming the variables that are unset.
    func resolve(_ source: ConnectorSource, tenant: String) throws -> (baseURL: String, environment: [String: String]) {
        let prefix = "TRACEWISE_" + String(tenant.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }) + "_"
        var resolved: [String: String] = [:]
        var missing: [String] = []
        for name in [Self.baseURLVariable(source)] + source.credentialVariables {
            if let value = environment[prefix + name] ?? environment[name], !value.isEmpty {
                resolved[name] = value
            } else {
                missing.append(name)
            }
        }
        guard missing.isEmpty, let baseURL = resolved[Self.baseURLVariable(source)] else {
            throw ServerError(.conflict, code: "connector-not-configured",
                              "\(source.rawValue) is not configured for this tenant: the host must set \(missing.joined(separator: ", "))")
        }
        return (baseURL, resolved)
    }
}
