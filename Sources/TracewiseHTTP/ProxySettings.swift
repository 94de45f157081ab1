import Foundation

/// Proxies taken from the environment, as curl reads them: `HTTPS_PROXY`/`https_proxy` for https URLs,
/// `HTTP_PROXY`/`http_proxy` for http URLs, and `NO_PROXY`/`no_proxy` (comma-separated host suffixes,
/// `*` for all) for hosts to reach directly. Loopback hosts are always reached directly.
public struct ProxySettings: Sendable, Hashable {
    /// A proxy server.
    public struct Proxy: Sendable, Hashable {
        public var host: String
        public var port: Int
        /// `user:password` from the proxy URL, for basic authentication.
        public var credentials: String?
    }

    public var http: Proxy?
    public var https: Proxy?
    public var noProxy: [String]

    public init(http: Proxy? = nil, https: Proxy? = nil, noProxy: [String] = []) {
        self.http = http
        self.https = https
        self.noProxy = noProxy
    }

    /// The settings in `environment`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ProxySettings {
        func value(_ name: String) -> String? {
            (environment[name.uppercased()] ?? environment[name.lowercased()]).flatMap { $0.isEmpty ? nil : $0 }
        }
        let noProxy = (value("no_proxy") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        return ProxySettings(http: value("http_proxy").flatMap(parse), https: value("https_proxy").flatMap(parse),
                             noProxy: noProxy)
    }

    /// The proxy to use for `url`, or nil to connect directly.
    public func proxy(for url: URL) -> Proxy? {
        guard let host = url.host?.lowercased() else { return nil }
        if host == "localhost" || host == "::1" || host.hasPrefix("127.") { return nil }
        for entry in noProxy {
            if entry == "*" { return nil }
            let suffix = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if host == suffix || host.hasSuffix("." + suffix) { return nil }
        }
        return url.scheme?.lowercased() == "https" ? https : http
    }

    static func parse(_ text: String) -> Proxy? {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
            return nil
        }
        let credentials = components.user.map { user in components.password.map { "\(user):\($0)" } ?? user }
        return Proxy(host: host, port: components.port ?? 80, credentials: credentials)
    }
}
