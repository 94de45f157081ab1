/// The business systems Tracewise extracts from, by the names the CLI (`tracewise connect jira`) and the
/// server's pull jobs use.
///
/// ```swift
/// let connector = try ConnectorSource.jira.connector(baseURL: "https://acme.atlassian.net",
///                                                    environment: ProcessInfo.processInfo.environment)
/// let result = try await PullRunner().run(connector, window: window, tenant: "acme", store: store)
/// ```
public enum ConnectorSource: String, Sendable, Hashable, Codable, CaseIterable {
    case jira, salesforce, hubspot, xero, marketo

    /// The environment variables holding this source's credentials.
    public var credentialVariables: [String] {
        switch self {
        case .jira: ["JIRA_EMAIL", "JIRA_API_TOKEN"]
        case .salesforce: ["SALESFORCE_ACCESS_TOKEN"]
        case .hubspot: ["HUBSPOT_ACCESS_TOKEN"]
        case .xero: ["XERO_ACCESS_TOKEN", "XERO_TENANT_ID"]
        case .marketo: ["MARKETO_CLIENT_ID", "MARKETO_CLIENT_SECRET"]
        }
    }

    /// A connector for this source at `baseURL`, its credentials read from `environment`.
    /// - Throws: ``ConnectorError`` naming the variable that is missing.
    public func connector(baseURL: String, environment: [String: String], client: SourceClient? = nil) throws -> any Connector {
        let client = client ?? SourceClient(source: rawValue)
        switch self {
        case .jira: return try JiraConnector(baseURL: baseURL, environment: environment, client: client)
        case .salesforce: return try SalesforceConnector(baseURL: baseURL, environment: environment, client: client)
        case .hubspot: return try HubSpotConnector(baseURL: baseURL, environment: environment, client: client)
        case .xero: return try XeroConnector(baseURL: baseURL, environment: environment, client: client)
        case .marketo: return try MarketoConnector(baseURL: baseURL, environment: environment, client: client)
        }
    }
}
