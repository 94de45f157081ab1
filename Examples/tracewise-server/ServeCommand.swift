import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import TracewiseServer

/// `tracewise-server [serve] --port P --data DIR [--postgres URL]`: seeds the demo tenant, prints
/// `listening on http://127.0.0.1:P` once it accepts connections and `demo tenant: demo, api key: KEY`, and
/// runs until SIGINT/SIGTERM, draining in-flight jobs.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the service (the default).")

    @OptionGroup var store: StoreOptions

    @Option(help: "The loopback port to listen on.")
    var port: Int = 8080

    @Option(help: "The address to bind (127.0.0.1 by default; put a TLS proxy in front before exposing it).")
    var host: String = "127.0.0.1"

    @Option(help: "The sample packs to seed the demo tenant with (default: the repository's Examples/Packs).")
    var packs: String?

    @Option(name: .customLong("static"), help: "The folder of the web UI (default: the repository's Web).")
    var staticDirectory: String?

    @Option(help: "Requests per second each API key may sustain (429 with Retry-After beyond).")
    var rateLimit: Double = 100

    @Option(help: "Requests each API key may send in a burst.")
    var rateBurst: Int = 200

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard rateLimit > 0, rateBurst > 0 else { throw ValidationError("--rate-limit and --rate-burst must be positive") }
    }

    func run() async throws {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "tracewise.server")
        let stores = try await ServerStoreFactory.make(store)
        var configuration = ServerConfiguration()
        configuration.staticDirectory = staticDirectory ?? Self.repositoryPath("Web")
        configuration.prometheusText = { registry.emitToString() }
        configuration.rateLimitPerSecond = rateLimit
        configuration.rateLimitBurst = rateBurst
        configuration.spoolDirectory = URL(fileURLWithPath: store.data).appendingPathComponent("spool")
        try FileManager.default.createDirectory(at: configuration.spoolDirectory, withIntermediateDirectories: true)
        let api = TracewiseAPI(stores: stores, configuration: configuration, logger: logger)
        let key = try await api.seedDemo(tenant: "demo", packsDirectory: URL(fileURLWithPath: packs ?? Self.repositoryPath("Examples/Packs")))
        let host = self.host
        var app = Application(
            router: api.makeRouter(),
            configuration: .init(address: .hostname(host, port: port), serverName: "tracewise"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                let lines = "listening on http://\(host):\(bound)\ndemo tenant: demo, api key: \(key)\n"
                FileHandle.standardOutput.write(Data(lines.utf8))
            },
            logger: logger)
        app.addServices(api.services)
        try await app.runService()
    }

    /// `relative` inside the repository this executable was built from (for `swift run` from anywhere), or
    /// relative to the working directory when the sources are gone.
    static func repositoryPath(_ relative: String) -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = root.appendingPathComponent(relative).path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : relative
    }
}
