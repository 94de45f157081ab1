import Foundation
import Packs
import XCTest

/// The sample packs under Examples/Packs validate, pair up, and survive JSON ⇄ YAML conversion unchanged.
final class SamplePackTests: XCTestCase {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/Packs")

    static var domains: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    func testEverySampleDirectoryValidatesAsASet() throws {
        XCTAssertFalse(Self.domains.isEmpty)
        for domain in Self.domains {
            let files = PackSetValidator.packFiles(in: Self.examples.appendingPathComponent(domain))
            XCTAssertGreaterThanOrEqual(files.count, 2, domain)
            let report = PackSetValidator().validate(files)
            XCTAssertEqual(report.errors, [], domain)
            XCTAssertEqual(report.warnings, [], domain)
        }
    }

    func testSampleBundlesLoad() throws {
        for domain in Self.domains {
            let directory = Self.examples.appendingPathComponent(domain)
            let bundle = try PackLoader().loadBundle(
                domainPackAt: directory.appendingPathComponent("domain-pack.yaml"),
                tenantPolicyPackAt: directory.appendingPathComponent("tenant-pack.yaml")).get()
            XCTAssertEqual(bundle.domain.domainName, bundle.tenant.domainName)
            XCTAssertFalse(bundle.tenant.approvedBusinessProcesses.isEmpty)
        }
    }

    func testJSONToYAMLToJSONIsIdentical() throws {
        for domain in Self.domains {
            for file in PackSetValidator.packFiles(in: Self.examples.appendingPathComponent(domain)) {
                let document = try PackDocumentReader.parse(String(contentsOf: file, encoding: .utf8), path: file.path)
                let json = try PackDocumentWriter.string(document, format: .json)
                let yaml = try PackDocumentWriter.string(try PackDocumentReader.parse(json, format: .json), format: .yaml)
                let back = try PackDocumentWriter.string(try PackDocumentReader.parse(yaml, format: .yaml), format: .json)
                XCTAssertEqual(json, back, file.lastPathComponent)
            }
        }
    }
}
