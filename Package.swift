// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Tracewise",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "EventLog", targets: ["EventLog"]),
        .library(name: "Discovery", targets: ["Discovery"]),
        .library(name: "Conformance", targets: ["Conformance"]),
        .library(name: "Explain", targets: ["Explain"]),
        .library(name: "Packs", targets: ["Packs"]),
        .library(name: "Agents", targets: ["Agents"]),
        .library(name: "TracewiseSQLite", targets: ["TracewiseSQLite"]),
        .library(name: "ObjectCentric", targets: ["ObjectCentric"]),
        .library(name: "TracewiseModels", targets: ["TracewiseModels"]),
        .library(name: "TracewiseHTTPTesting", targets: ["TracewiseHTTPTesting"]),
        .library(name: "TracewiseConnectors", targets: ["TracewiseConnectors"]),
        .library(name: "TracewisePostgres", targets: ["TracewisePostgres"]),
        .executable(name: "tracewise", targets: ["tracewise"]),
        .executable(name: "tracewise-demo", targets: ["tracewise-demo"]),
        .library(name: "TracewiseServer", targets: ["TracewiseServer"]),
        .executable(name: "tracewise-server", targets: ["tracewise-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CTracewiseZlib",
            path: "Sources/CTracewiseZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "TracewiseSupport"
        ),
        .target(
            name: "EventLog",
            dependencies: ["CTracewiseZlib", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "ObjectCentric",
            dependencies: ["EventLog", "Discovery", "CSQLite", "TracewiseSupport"]
        ),
        .target(
            name: "Discovery",
            dependencies: ["EventLog", "TracewiseSupport"]
        ),
        .target(
            name: "Conformance",
            dependencies: ["EventLog", "Discovery", "TracewiseSupport"]
        ),
        .target(
            name: "Explain",
            dependencies: ["EventLog", "TracewiseSupport"]
        ),
        .target(
            name: "Packs",
            dependencies: ["TracewiseSupport", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Agents",
            dependencies: [
                "EventLog", "Conformance", "Explain", "Packs",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "TracewiseSQLite",
            dependencies: ["EventLog", "Packs", "Agents", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "TracewiseHTTP",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "TracewiseModels",
            dependencies: [
                "Explain", "Agents", "Packs", "EventLog", "TracewiseHTTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "TracewiseHTTPTesting",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/HTTPTesting"
        ),
        .target(
            name: "TracewiseConnectors",
            dependencies: [
                "EventLog", "TracewiseHTTP", "TracewiseSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "TracewisePostgres",
            dependencies: [
                "EventLog", "Discovery", "Packs", "Agents",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "tracewise",
            dependencies: [
                "EventLog",
                "Discovery",
                "Conformance",
                "Explain",
                "Packs",
                "Agents",
                "ObjectCentric",
                "TracewiseModels",
                "TracewiseConnectors",
                "TracewiseSQLite",
                "TracewisePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/tracewise"
        ),
        .executableTarget(
            name: "tracewise-demo",
            dependencies: ["EventLog", "Discovery", "Explain", "Packs", "Agents", "TracewiseSupport"],
            path: "Examples/tracewise-demo"
        ),
        .target(
            name: "TracewiseServer",
            dependencies: [
                "EventLog", "Discovery", "Conformance", "Explain", "Packs", "Agents", "TracewiseModels", "TracewiseConnectors",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "tracewise-server",
            dependencies: [
                "TracewiseServer", "TracewiseSQLite", "TracewisePostgres", "Agents", "EventLog", "Packs",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/tracewise-server"
        ),
        .target(
            name: "TracewiseTestSupport",
            path: "Tests/TestSupport"
        ),
        .target(
            name: "StoreConformance",
            dependencies: ["EventLog", "Packs", "Agents", "TracewiseTestSupport"],
            path: "Tests/StoreConformance"
        ),
        .testTarget(
            name: "InMemoryStoreTests",
            dependencies: ["EventLog", "Packs", "Agents", "StoreConformance", "TracewiseTestSupport"]
        ),
        .testTarget(
            name: "SQLiteStoreTests",
            dependencies: [
                "EventLog", "Packs", "Agents", "TracewiseSQLite", "StoreConformance", "TracewiseTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "PostgresTestSupport",
            dependencies: [
                "EventLog", "TracewisePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/PostgresTestSupport"
        ),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: [
                "EventLog", "Discovery", "Packs", "Agents", "TracewisePostgres", "StoreConformance", "TracewiseTestSupport", "PostgresTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "TracewiseCLITests",
            dependencies: [
                "TracewiseTestSupport", "TracewiseHTTPTesting", "PostgresTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "EventLogTests",
            dependencies: ["EventLog", "TracewiseTestSupport"]
        ),
        .testTarget(
            name: "DiscoveryTests",
            dependencies: ["EventLog", "Discovery", "TracewiseTestSupport"]
        ),
        .testTarget(
            name: "ConformanceTests",
            dependencies: ["EventLog", "Discovery", "Conformance", "TracewiseTestSupport"]
        ),
        .testTarget(
            name: "ExplainTests",
            dependencies: ["EventLog", "Explain", "TracewiseTestSupport"]
        ),
        .testTarget(
            name: "AgentsTests",
            dependencies: ["Agents", "Packs", "EventLog", "Discovery", "Conformance", "Explain", "TracewiseTestSupport"]
        ),
        .testTarget(
            name: "ObjectCentricTests",
            dependencies: ["ObjectCentric", "EventLog", "CSQLite", "TracewiseTestSupport"]
        ),
        .testTarget(
            name: "TracewiseHTTPTests",
            dependencies: ["TracewiseHTTP", "TracewiseHTTPTesting"]
        ),
        .testTarget(
            name: "TracewiseModelsTests",
            dependencies: ["TracewiseModels", "TracewiseHTTP", "TracewiseHTTPTesting", "Agents", "Explain", "Packs",
                           "EventLog", "TracewiseTestSupport",
                           .product(name: "Metrics", package: "swift-metrics"),
                           .product(name: "MetricsTestKit", package: "swift-metrics")]
        ),
        .testTarget(
            name: "TracewiseServerTests",
            dependencies: [
                "TracewiseServer", "EventLog", "Discovery", "Conformance", "Explain", "Packs", "Agents", "TracewiseTestSupport", "TracewiseHTTPTesting",
                "TracewisePostgres", "TracewiseSQLite", "PostgresTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "TracewiseUITests",
            dependencies: ["TracewiseHTTP"]
        ),
        .testTarget(
            name: "TracewiseConnectorsTests",
            dependencies: ["TracewiseConnectors", "TracewiseHTTP", "TracewiseHTTPTesting", "EventLog", "TracewiseTestSupport",
                           "Discovery", "Conformance", "Explain", "Agents", "Packs",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "PacksTests",
            dependencies: ["Packs", "EventLog"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
