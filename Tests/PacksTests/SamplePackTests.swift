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

    static func bundle(_ domain: String) throws -> PackBundle {
        let directory = examples.appendingPathComponent(domain)
        return try PackLoader().loadBundle(
            domainPackAt: directory.appendingPathComponent("domain-pack.yaml"),
            tenantPolicyPackAt: directory.appendingPathComponent("tenant-pack.yaml")).get()
    }

    func testSampleTestSuitesAgreeWithPackSemantics() throws {
        for domain in Self.domains {
            let policy = try PackPolicy(bundle: try Self.bundle(domain))
            let cases = policy.bundle.domain.testSuites.flatMap(\.cases)
            XCTAssertGreaterThanOrEqual(cases.count, 10, domain)
            for testCase in cases {
                let type = testCase.exception["exceptionType"]?.stringValue ?? ""
                XCTAssertEqual(policy.assessSeverity(of: testCase.exception).severity, testCase.expected.severity, testCase.id)
                let assessment = policy.actionability(of: type)
                let (actionability, playbook) = (assessment.actionability, assessment.playbook)
                XCTAssertEqual(actionability, testCase.expected.actionability, testCase.id)
                XCTAssertEqual(playbook?.id, testCase.expected.playbookID, testCase.id)
            }
        }
    }

    func testSampleExceptionsCoverEveryTypeSeverityAndActionability() throws {
        for domain in Self.domains {
            let policy = try PackPolicy(bundle: try Self.bundle(domain))
            let url = Self.examples.appendingPathComponent(domain).appendingPathComponent("exceptions.json")
            let exceptions = try XCTUnwrap(PackDocumentReader.parse(String(contentsOf: url, encoding: .utf8), path: url.path).arrayValue)
            XCTAssertGreaterThanOrEqual(exceptions.count, 25, domain)
            let types = Set(exceptions.compactMap { $0["exceptionType"]?.stringValue })
            XCTAssertEqual(types, Set(policy.bundle.domain.exceptionTypes.map(\.name)), domain)
            let severities = Set(exceptions.map { policy.assessSeverity(of: $0).severity })
            XCTAssertEqual(severities, Set(Severity.allCases), domain)
            let classes = Set(types.map { policy.actionability(of: $0).actionability })
            XCTAssertEqual(classes, Set(Actionability.allCases), domain)
            let ids = exceptions.compactMap { $0["exceptionId"]?.stringValue }
            XCTAssertEqual(Set(ids).count, exceptions.count, "\(domain): exception ids are unique")
            XCTAssertTrue(exceptions.allSatisfy { $0["tenantId"]?.stringValue == policy.bundle.tenant.tenantID }, domain)
        }
    }

    func testJSONAndYAMLSamplesHoldTheSamePack() throws {
        for domain in Self.domains {
            for name in ["domain-pack", "tenant-pack"] {
                let directory = Self.examples.appendingPathComponent(domain)
                let yaml = directory.appendingPathComponent(name + ".yaml")
                let json = directory.appendingPathComponent(name + ".json")
                XCTAssertEqual(
                    try PackDocumentReader.parse(String(contentsOf: yaml, encoding: .utf8), path: yaml.path),
                    try PackDocumentReader.parse(String(contentsOf: json, encoding: .utf8), path: json.path), "\(domain)/\(name)")
            }
        }
    }
}
