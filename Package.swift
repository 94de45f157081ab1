// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Tracewise",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "EventLog", targets: ["EventLog"]),
        .library(name: "Discovery", targets: ["Discovery"]),
        .executable(name: "tracewise", targets: ["tracewise"]),
        .executable(name: "tracewise-demo", targets: ["tracewise-demo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "EventLog",
            dependencies: ["CZlib"]
        ),
        .target(
            name: "Discovery",
            dependencies: ["EventLog"]
        ),
        .executableTarget(
            name: "tracewise",
            dependencies: [
                "EventLog",
                "Discovery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/tracewise"
        ),
        .executableTarget(
            name: "tracewise-demo",
            dependencies: ["EventLog"],
            path: "Examples/tracewise-demo"
        ),
        .target(
            name: "TracewiseTestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "EventLogTests",
            dependencies: ["EventLog", "TracewiseTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
