/// Checks a tenant policy pack document: its own unique ids and, when the domain pack is known, that it is
/// written for that domain and version, refers only to the domain's playbooks, tools, exception types,
/// lists and conditions, and loosens guardrails only with `allowLoosening: true` (then as a warning).
struct TenantPolicyValidator {
    private let document: PackValue
    private let domain: DomainPack?
    private(set) var report = ValidationReport()
    private let allowLoosening: Bool

    init(document: PackValue, domain: DomainPack?) {
        self.document = document
        self.domain = domain
        self.allowLoosening = document["guardrailOverrides"]?["allowLoosening"] == .bool(true)
    }

    mutating func validate() -> ValidationReport {
        checkInternalUniqueness()
        guard let domain else { return report }
        checkDomain(domain)
        checkApprovedProcesses(domain)
        checkToolsAllowList(domain)
        checkSeverityOverrides(domain)
        checkGuardrailOverrides(domain)
        checkNoAutoAction(domain)
        checkHumanApprovalRules(domain)
        return report
    }

    private mutating func loosening(at path: JSONPointer, _ message: String) {
        if allowLoosening {
            report.warning(.guardrailLoosened, at: path, message + " (allowed by allowLoosening)")
        } else {
            report.error(.overrideLoosens, at: path, message + "; set guardrailOverrides.allowLoosening: true to permit it")
        }
    }

    private mutating func checkInternalUniqueness() {
        var approved = DuplicateFinder(.duplicateID, noun: "approved playbook")
        for (index, id) in DocumentTree.strings(document, "approvedBusinessProcesses") {
            approved.check(id, at: JSONPointer.root.appending("approvedBusinessProcesses").appending(index), into: &report)
        }
        var tools = DuplicateFinder(.duplicateName, noun: "allow-listed tool")
        for (index, permission) in DocumentTree.objects(document, "toolsAllowList") {
            if let tool = DocumentTree.string(permission, "tool") {
                tools.check(tool, at: JSONPointer.root.appending("toolsAllowList").appending(index).appending("tool"), into: &report)
            }
        }
        var notifications = DuplicateFinder(.duplicateID, noun: "notification policy id")
        for (index, policy) in DocumentTree.objects(document, "notificationPolicies") {
            if let id = DocumentTree.string(policy, "id") {
                notifications.check(id, at: JSONPointer.root.appending("notificationPolicies").appending(index).appending("id"), into: &report)
            }
        }
    }

    private mutating func checkDomain(_ domain: DomainPack) {
        if let name = DocumentTree.string(document, "domainName"), name != domain.domainName {
            report.error(.domainMismatch, at: JSONPointer.root.appending("domainName"), "the policy is for domain '\(name)' but the domain pack is '\(domain.domainName)'")
        }
        if let text = DocumentTree.string(document, "domainVersion"), let requirement = VersionRequirement(text),
            !requirement.isSatisfied(by: domain.version)
        {
            report.error(.incompatibleVersion, at: JSONPointer.root.appending("domainVersion"), "domain pack version \(domain.version) does not satisfy '\(text)'")
        }
    }

    private mutating func checkApprovedProcesses(_ domain: DomainPack) {
        let allowed = Set(DocumentTree.objects(document, "toolsAllowList").compactMap { DocumentTree.string($0.object, "tool") })
        for (index, id) in DocumentTree.strings(document, "approvedBusinessProcesses") {
            let path = JSONPointer.root.appending("approvedBusinessProcesses").appending(index)
            guard let playbook = domain.playbook(id: id) else {
                report.error(.unknownPlaybook, at: path, "'\(id)' is not a playbook of domain \(domain.domainName)")
                continue
            }
            let missing = Array(Set(playbook.steps.map(\.tool)).subtracting(allowed)).sorted()
            if !missing.isEmpty {
                report.error(.toolNotAllowed, at: path, "approved playbook '\(id)' uses tools not in toolsAllowList: \(missing.joined(separator: ", "))")
            }
        }
    }

    private mutating func checkToolsAllowList(_ domain: DomainPack) {
        for (index, permission) in DocumentTree.objects(document, "toolsAllowList") {
            let path = JSONPointer.root.appending("toolsAllowList").appending(index)
            guard let name = DocumentTree.string(permission, "tool") else { continue }
            guard let tool = domain.tool(named: name) else {
                report.error(.unknownTool, at: path.appending("tool"), "'\(name)' is not a tool of domain \(domain.domainName)")
                continue
            }
            if let timeout = permission["timeoutMs"]?.integerValue, timeout > tool.timeoutMs {
                loosening(at: path.appending("timeoutMs"), "timeout \(timeout) ms is longer than the domain's \(tool.timeoutMs) ms")
            }
            if let retries = permission["maxRetries"]?.integerValue, retries > tool.maxRetries {
                loosening(at: path.appending("maxRetries"), "\(retries) retries are more than the domain's \(tool.maxRetries)")
            }
        }
    }

    private mutating func checkSeverityOverrides(_ domain: DomainPack) {
        let catalog = ExceptionFieldCatalog(domainPack: domain)
        let checker = RuleReferenceChecker(catalog: catalog, exceptionTypes: Set(domain.exceptionTypes.map(\.name)))
        for (index, override) in DocumentTree.objects(document, "severityOverrides") {
            let path = JSONPointer.root.appending("severityOverrides").appending(index)
            guard let type = DocumentTree.string(override, "exceptionType") else { continue }
            guard domain.exceptionType(named: type) != nil else {
                report.error(.unknownExceptionType, at: path.appending("exceptionType"), "'\(type)' is not an exception type of domain \(domain.domainName)")
                continue
            }
            if let condition = DocumentTree.string(override, "condition") {
                checker.check(condition, at: path.appending("condition"), scope: type, into: &report)
            }
        }
    }

    private mutating func checkGuardrailOverrides(_ domain: DomainPack) {
        guard let overrides = document["guardrailOverrides"] else { return }
        let path = JSONPointer.root.appending("guardrailOverrides")
        let guardrails = domain.guardrails
        if let value = overrides["humanApprovalThreshold"]?.numberValue {
            if let threshold = guardrails.humanApprovalThreshold {
                if value > threshold.value {
                    loosening(at: path.appending("humanApprovalThreshold"), "approval threshold \(PackDocumentWriter.numberText(value)) is above the domain's \(PackDocumentWriter.numberText(threshold.value))")
                }
            } else {
                report.error(.unknownGuardrail, at: path.appending("humanApprovalThreshold"), "the domain pack defines no humanApprovalThreshold to override")
            }
        }
        checkListOverrides(overrides["allowLists"]?.objectValue ?? [:], domainLists: guardrails.allowLists, at: path.appending("allowLists"), isAllowList: true)
        checkListOverrides(overrides["blockLists"]?.objectValue ?? [:], domainLists: guardrails.blockLists, at: path.appending("blockLists"), isAllowList: false)
        for (index, id) in DocumentTree.strings(overrides, "disabledConditions") {
            let conditionPath = path.appending("disabledConditions").appending(index)
            if guardrails.conditions.contains(where: { $0.id == id }) {
                loosening(at: conditionPath, "disables the domain guardrail condition '\(id)'")
            } else {
                report.error(.unknownGuardrail, at: conditionPath, "'\(id)' is not a guardrail condition of domain \(domain.domainName)")
            }
        }
        let checker = RuleReferenceChecker(catalog: ExceptionFieldCatalog(domainPack: domain), exceptionTypes: Set(domain.exceptionTypes.map(\.name)))
        var ids = DuplicateFinder(.duplicateID, noun: "guardrail condition id")
        for (index, condition) in guardrails.conditions.enumerated() { ids.seed(condition.id, at: JSONPointer.root.appending("domain").appending("guardrails").appending("conditions").appending(index)) }
        for (index, condition) in DocumentTree.objects(overrides, "additionalConditions") {
            let conditionPath = path.appending("additionalConditions").appending(index)
            if let id = DocumentTree.string(condition, "id") { ids.check(id, at: conditionPath.appending("id"), into: &report) }
            if let source = DocumentTree.string(condition, "condition") {
                checker.check(source, at: conditionPath.appending("condition"), into: &report)
            }
        }
    }

    private mutating func checkListOverrides(_ overrides: [String: PackValue], domainLists: [ValueList], at path: JSONPointer, isAllowList: Bool) {
        for id in overrides.keys.sorted() {
            let listPath = path.appending(id)
            guard let list = domainLists.first(where: { $0.id == id }) else {
                report.error(.unknownGuardrail, at: listPath, "'\(id)' is not a\(isAllowList ? "n allow" : " block") list of the domain pack")
                continue
            }
            guard let values = overrides[id]?.arrayValue else { continue }
            if isAllowList {
                let added = values.filter { !list.values.contains($0) }
                if !added.isEmpty { loosening(at: listPath, "allows \(added.count) value(s) the domain list '\(id)' does not") }
            } else {
                let removed = list.values.filter { !values.contains($0) }
                if !removed.isEmpty { loosening(at: listPath, "unblocks \(removed.count) value(s) the domain list '\(id)' blocks") }
            }
        }
    }

    private mutating func checkNoAutoAction(_ domain: DomainPack) {
        guard let severities = document["noAutoActionIfSeverityIn"]?.arrayValue else { return }
        let listed = Set(severities.compactMap { $0.stringValue.flatMap(Severity.init) })
        let dropped = domain.guardrails.noAutoActionIfSeverityIn.filter { !listed.contains($0) }
        if !dropped.isEmpty {
            loosening(at: JSONPointer.root.appending("noAutoActionIfSeverityIn"),
                      "allows automatic action on \(dropped.map(\.rawValue).joined(separator: ", ")), which the domain guardrail forbids")
        }
    }

    private mutating func checkHumanApprovalRules(_ domain: DomainPack) {
        guard let rules = document["requireHumanApprovalFor"] else { return }
        let path = JSONPointer.root.appending("requireHumanApprovalFor")
        for (index, id) in DocumentTree.strings(rules, "playbooks") where domain.playbook(id: id) == nil {
            report.error(.unknownPlaybook, at: path.appending("playbooks").appending(index), "'\(id)' is not a playbook of domain \(domain.domainName)")
        }
        for (index, name) in DocumentTree.strings(rules, "tools") where domain.tool(named: name) == nil {
            report.error(.unknownTool, at: path.appending("tools").appending(index), "'\(name)' is not a tool of domain \(domain.domainName)")
        }
        for (index, name) in DocumentTree.strings(rules, "exceptionTypes") where domain.exceptionType(named: name) == nil {
            report.error(.unknownExceptionType, at: path.appending("exceptionTypes").appending(index), "'\(name)' is not an exception type of domain \(domain.domainName)")
        }
    }
}
