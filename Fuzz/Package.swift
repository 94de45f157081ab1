// swift-tools-version:6.1
import PackageDescription

/// Coverage-guided fuzzing of every Tracewise parser that reads untrusted bytes (libFuzzer + AddressSanitizer).
/// One executable dispatches to the targets by name, so one sanitizer build serves them all; build and run it
/// with `Fuzz/run.sh TARGET SECONDS` (or `all`), which passes `-sanitize=fuzzer,address`.
/// The stream decoders live in TracewiseHTTP, an internal target without a product by design; they are
/// reached through TracewiseConnectors, which builds and links it.
let package = Package(
    name: "TracewiseFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Tracewise", path: "../"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .executableTarget(
            name: "tracewise-fuzz",
            dependencies: [
                .product(name: "EventLog", package: "Tracewise"),
                .product(name: "Discovery", package: "Tracewise"),
                .product(name: "Packs", package: "Tracewise"),
                .product(name: "ObjectCentric", package: "Tracewise"),
                .product(name: "TracewiseConnectors", package: "Tracewise"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Sources/tracewise-fuzz"
        ),
    ],
    swiftLanguageModes: [.v6]
)
