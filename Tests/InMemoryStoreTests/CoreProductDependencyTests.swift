import Foundation
import TracewiseTestSupport
import XCTest

/// A host that depends only on the `EventLog` and `Discovery` products must not build a database driver or
/// NIO: the stores live in `TracewiseSQLite` / `TracewisePostgres` so the core stays light. Checked on the
/// manifest as SwiftPM evaluates it (`swift package dump-package`): every target those products reach, and
/// every product of another package those targets use, must come from a package on a short list known to
/// bring neither GRDB nor NIO.
final class CoreProductDependencyTests: XCTestCase {
    /// Packages a core product may use. Adding one here means checking it pulls in no NIO and no GRDB.
    private static let allowedPackages: Set<String> = [
        "swift-crypto", "swift-log", "swift-metrics", "swift-collections", "swift-numerics", "yams",
    ]
    private static let forbiddenPackages: Set<String> = [
        "grdb.swift", "postgres-nio", "swift-nio", "swift-nio-ssl", "swift-nio-http2", "swift-nio-extras",
        "swift-nio-transport-services", "async-http-client", "hummingbird", "hummingbird-auth",
    ]

    func testEventLogAndDiscoveryReachNoDatabaseDriverAndNoNIO() throws {
        let manifest = try Self.dumpPackage()
        let targets = try XCTUnwrap(manifest["targets"] as? [[String: Any]])
        let products = try XCTUnwrap(manifest["products"] as? [[String: Any]])
        var dependencies: [String: [Any]] = [:]
        for target in targets {
            dependencies[try XCTUnwrap(target["name"] as? String)] = target["dependencies"] as? [Any] ?? []
        }
        let localProducts = Dictionary(uniqueKeysWithValues: products.compactMap { product -> (String, [String])? in
            guard let name = product["name"] as? String, let targets = product["targets"] as? [String] else { return nil }
            return (name, targets)
        })

        for product in ["EventLog", "Discovery"] {
            var reached: Set<String> = []
            var external: Set<String> = []
            var pending = try XCTUnwrap(localProducts[product], "no product \(product)")
            while let target = pending.popLast() {
                guard reached.insert(target).inserted else { continue }
                for dependency in dependencies[target] ?? [] {
                    let (name, package) = try Self.describe(dependency)
                    if let package {
                        external.insert(package.lowercased())
                    } else if dependencies[name] != nil {
                        pending.append(name)
                    } else if let targets = localProducts[name] {
                        pending += targets
                    } else {
                        external.insert("a product named \(name)")
                    }
                }
            }
            XCTAssertTrue(reached.isDisjoint(with: ["TracewiseSQLite", "TracewisePostgres", "TracewiseHTTP", "TracewiseServer"]),
                          "\(product) reaches \(reached.sorted())")
            XCTAssertTrue(external.isDisjoint(with: Self.forbiddenPackages),
                          "\(product) depends on \(external.intersection(Self.forbiddenPackages).sorted())")
            XCTAssertTrue(external.isSubset(of: Self.allowedPackages),
                          "\(product) uses \(external.subtracting(Self.allowedPackages).sorted()): check they bring no NIO/GRDB, then allow them here")
            XCTAssertFalse(reached.isEmpty)
        }
        // The check can fail: the store products do reach what the core must not.
        let postgresTargets = try XCTUnwrap(dependencies["TracewisePostgres"])
        XCTAssertTrue(try postgresTargets.contains { try Self.describe($0).package == "postgres-nio" })
    }

    /// `(name, package)` of one dependency in dump-package's JSON; package is nil for a target of this package.
    private static func describe(_ dependency: Any) throws -> (name: String, package: String?) {
        let object = try XCTUnwrap(dependency as? [String: Any])
        if let product = object["product"] as? [Any?] {
            return (try XCTUnwrap(product.first as? String), try XCTUnwrap(product[1] as? String))
        }
        let reference = try XCTUnwrap((object["byName"] ?? object["target"]) as? [Any?], "\(object)")
        return (try XCTUnwrap(reference.first as? String), nil)
    }

    /// The manifest as JSON, evaluated by the same `swift` that runs the tests (its own scratch path, so it
    /// never waits for the lock of the build running these tests).
    private static func dumpPackage() throws -> [String: Any] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-dump-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "package", "--package-path", SharedData.packageRoot.path, "--scratch-path", scratch.path,
                             "dump-package"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            print("SKIPPED: `swift` is not on PATH; the core products' dependencies were not checked")
            throw XCTSkip("swift is not on PATH")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if message.contains("No such file") || process.terminationStatus == 127 {
                print("SKIPPED: `swift` is not on PATH; the core products' dependencies were not checked")
                throw XCTSkip("swift is not on PATH")
            }
            XCTFail("swift package dump-package failed: \(message)")
            return [:]
        }
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
