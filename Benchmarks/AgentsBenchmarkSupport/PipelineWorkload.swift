import Agents
import Foundation
import Packs

/// The finance sample packs and a batch of raw exceptions cycling through their test cases.
public enum PipelineWorkload {
    public static let packsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/Packs/finance")

    public static func bundle() throws -> PackBundle {
        try PackLoader().loadBundle(domainPackAt: packsDirectory.appendingPathComponent("domain-pack.yaml"),
                                    tenantPolicyPackAt: packsDirectory.appendingPathComponent("tenant-pack.yaml")).get()
    }

    public static func exceptions(_ count: Int, from bundle: PackBundle) -> [PackValue] {
        let cases = bundle.domain.testSuites.flatMap(\.cases).map(\.exception)
        return (0..<count).map { cases[$0 % cases.count].setting(key: "exceptionId", to: .string("e\($0)")) }
    }
}

extension PackValue {
    func setting(key: String, to value: PackValue) -> PackValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }
}
