/// One HTTP request for ``HTTPTransport``: method, absolute URL, headers, body and the time allowed
/// until the response head arrives.
///
/// ```swift
/// let request = HTTPRequest(method: .post, url: "https://api.openai.com/v1/chat/completions",
///                           headers: ["content-type": "application/json"], body: Array(json.utf8),
///                           headTimeout: .seconds(30))
/// ```
public struct HTTPRequest: Sendable, Hashable, CustomStringConvertible {
    /// The methods Tracewise sends.
    public enum Method: String, Sendable, Hashable {
        case get = "GET", post = "POST", put = "PUT", delete = "DELETE", patch = "PATCH", head = "HEAD"
    }

    public var method: Method
    public var url: String
    public var headers: HTTPFields
    public var body: [UInt8]?
    /// The longest wait for the status line and headers of one attempt; the body then streams under the
    /// transport's overall deadline.
    public var headTimeout: Duration

    public init(method: Method, url: String, headers: HTTPFields = HTTPFields(), body: [UInt8]? = nil,
                headTimeout: Duration = .seconds(60)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.headTimeout = headTimeout
    }

    /// Method and URL without its query (queries can carry tokens); never headers or body.
    public var description: String {
        "\(method.rawValue) \(url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url)"
    }
}
