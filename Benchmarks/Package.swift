// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "TracewiseBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Tracewise", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EventLogBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "EventLog", package: "Tracewise"),
            ],
            path: "EventLogBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "xes-import-timer",
            dependencies: ["CProcessStats", .product(name: "EventLog", package: "Tracewise")],
            path: "XESImportTimer"
        ),
        .executableTarget(
            name: "log-builder-timer",
            dependencies: [.product(name: "EventLog", package: "Tracewise")],
            path: "LogBuilderTimer"
        ),
        .executableTarget(
            name: "alignment-timer",
            dependencies: [
                .product(name: "Conformance", package: "Tracewise"),
                .product(name: "Discovery", package: "Tracewise"),
                .product(name: "EventLog", package: "Tracewise"),
            ],
            path: "AlignmentTimer"
        ),
        .systemLibrary(name: "CProcessStats", path: "CProcessStats"),
        .executableTarget(
            name: "model-client-timer",
            dependencies: [
                .product(name: "Explain", package: "Tracewise"),
                .product(name: "TracewiseModels", package: "Tracewise"),
                .product(name: "TracewiseHTTPTesting", package: "Tracewise"),
            ],
            path: "ModelClientTimer"
        ),
        .executableTarget(
            name: "connector-timer",
            dependencies: [
                .product(name: "EventLog", package: "Tracewise"),
                .product(name: "TracewiseConnectors", package: "Tracewise"),
                .product(name: "TracewiseHTTPTesting", package: "Tracewise"),
            ],
            path: "ConnectorTimer"
        ),
        .executableTarget(
            name: "ocel-timer",
            dependencies: ["CProcessStats", .product(name: "ObjectCentric", package: "Tracewise")],
            path: "OCELTimer"
        ),
        .executableTarget(
            name: "ExplainBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "EventLog", package: "Tracewise"),
                .product(name: "Explain", package: "Tracewise"),
            ],
            path: "ExplainBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ConformanceBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Conformance", package: "Tracewise"),
                .product(name: "Discovery", package: "Tracewise"),
                .product(name: "EventLog", package: "Tracewise"),
            ],
            path: "ConformanceBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ConformanceTimings",
            dependencies: [
                .product(name: "Conformance", package: "Tracewise"),
                .product(name: "Discovery", package: "Tracewise"),
                .product(name: "EventLog", package: "Tracewise"),
            ],
            path: "ConformanceTimings"
        ),
        .executableTarget(
            name: "ExplainTimings",
            dependencies: [.product(name: "Explain", package: "Tracewise")],
            path: "ExplainTimings"
        ),
        .target(
            name: "AgentsBenchmarkSupport",
            dependencies: [
                .product(name: "Agents", package: "Tracewise"),
                .product(name: "Packs", package: "Tracewise"),
            ],
            path: "AgentsBenchmarkSupport"
        ),
        .executableTarget(
            name: "AgentsBenchmarks",
            dependencies: [
                "AgentsBenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Agents", package: "Tracewise"),
                .product(name: "Packs", package: "Tracewise"),
            ],
            path: "AgentsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "pipeline-throughput",
            dependencies: [
                "AgentsBenchmarkSupport",
                .product(name: "Agents", package: "Tracewise"),
                .product(name: "Packs", package: "Tracewise"),
                .product(name: "EventLog", package: "Tracewise"),
            ],
            path: "ThroughputTimers/PipelineThroughput"
        ),
        .executableTarget(
            name: "DiscoveryBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Discovery", package: "Tracewise"),
                .product(name: "EventLog", package: "Tracewise"),
            ],
            path: "DiscoveryBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "discovery-timer",
            dependencies: [.product(name: "Discovery", package: "Tracewise"), .product(name: "EventLog", package: "Tracewise")],
            path: "DiscoveryTimer"
        ),
        .executableTarget(
            name: "FeatureTimings",
            dependencies: [
                .product(name: "EventLog", package: "Tracewise"),
                .product(name: "Explain", package: "Tracewise"),
            ],
            path: "FeatureTimings"
        ),
    ]
)
