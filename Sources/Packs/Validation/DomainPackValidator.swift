/// Cross-reference checks of a domain pack document: unique names and ids, and every reference (entities,
/// exception types, tools, rollback tools, fields in rules and argument templates, tool arguments, list
/// targets, test expectations) pointing at something that exists. Works on the document tree, so it runs —
/// and reports — even when other parts of the document are malformed.
struct DomainPackValidator {
    private let document: PackValue
    private(set) var report = ValidationReport()
    private let catalog: ExceptionFieldCatalog
    private let exceptionTypes: Set<String>
    private let tools: [String: PackValue]
    private let playbookTypes: [String: [String]]

    init(document: PackValue) {
        self.document = document
        var typeNames: Set<String> = []
        var payloadFields: [String: [String: FieldDefinition.FieldType]] = [:]
        var entityFields: [String: [(String, FieldDefinition.FieldType)]] = [:]
        for (_, entity) in DocumentTree.objects(document, "entities") {
            guard let name = DocumentTree.string(entity, "name") else { continue }
            entityFields[name] = Self.fields(of: entity)
        }
        for (_, type) in DocumentTree.objects(document, "exceptionTypes") {
            guard let name = DocumentTree.string(type, "name"), !typeNames.contains(name) else { continue }
            typeNames.insert(name)
            var members: [String: FieldDefinition.FieldType] = [:]
            let inherited = DocumentTree.string(type, "entity").flatMap { entityFields[$0] } ?? []
            for (field, fieldType) in inherited + Self.fields(of: type) where members[field] == nil {
                members[field] = fieldType
            }
            payloadFields[name] = members
        }
        self.exceptionTypes = typeNames
        self.catalog = ExceptionFieldCatalog(payloadFields: payloadFields)
        var tools: [String: PackValue] = [:]
        for (_, tool) in DocumentTree.objects(document, "tools") {
            if let name = DocumentTree.string(tool, "name"), tools[name] == nil { tools[name] = tool }
        }
        self.tools = tools
        var playbookTypes: [String: [String]] = [:]
        for (_, playbook) in DocumentTree.objects(document, "playbooks") {
            if let id = DocumentTree.string(playbook, "id"), playbookTypes[id] == nil {
                playbookTypes[id] = DocumentTree.strings(playbook, "exceptionTypes").map(\.string)
            }
        }
        self.playbookTypes = playbookTypes
    }

    private static func fields(of object: PackValue) -> [(String, FieldDefinition.FieldType)] {
        DocumentTree.objects(object, "fields").compactMap { _, field in
            guard let name = DocumentTree.string(field, "name") else { return nil }
            return (name, DocumentTree.string(field, "type").flatMap(FieldDefinition.FieldType.init) ?? .any)
        }
    }

    private var rules: RuleReferenceChecker { RuleReferenceChecker(catalog: catalog, exceptionTypes: exceptionTypes) }

    mutating func validate() -> ValidationReport {
        checkEntities()
        checkExceptionTypes()
        checkSeverityRules()
        checkTools()
        checkPlaybooks()
        checkGuardrails()
        checkTestSuites()
        return report
    }

    private mutating func checkFieldNames(of object: PackValue, at path: JSONPointer, inherited: Set<String> = []) {
        var duplicates = DuplicateFinder(.duplicateName, noun: "field")
        for (index, field) in DocumentTree.objects(object, "fields") {
            guard let name = DocumentTree.string(field, "name") else { continue }
            let fieldPath = path.appending("fields").appending(index).appending("name")
            if inherited.contains(name) {
                report.error(.duplicateName, at: fieldPath, "field '\(name)' is already declared by the entity")
            }
            duplicates.check(name, at: fieldPath, into: &report)
        }
    }

    private mutating func checkEntities() {
        var names = DuplicateFinder(.duplicateName, noun: "entity name")
        for (index, entity) in DocumentTree.objects(document, "entities") {
            let path = JSONPointer.root.appending("entities").appending(index)
            if let name = DocumentTree.string(entity, "name") { names.check(name, at: path.appending("name"), into: &report) }
            checkFieldNames(of: entity, at: path)
            if let identifier = DocumentTree.string(entity, "identifier"),
                !Self.fields(of: entity).contains(where: { $0.0 == identifier })
            {
                report.error(.unknownField, at: path.appending("identifier"), "'\(identifier)' is not one of the entity's fields")
            }
        }
    }

    private mutating func checkExceptionTypes() {
        var names = DuplicateFinder(.duplicateName, noun: "exception type")
        let entities = Dictionary(DocumentTree.objects(document, "entities").compactMap { _, entity in
            DocumentTree.string(entity, "name").map { ($0, entity) }
        }, uniquingKeysWith: { first, _ in first })
        for (index, type) in DocumentTree.objects(document, "exceptionTypes") {
            let path = JSONPointer.root.appending("exceptionTypes").appending(index)
            if let name = DocumentTree.string(type, "name") { names.check(name, at: path.appending("name"), into: &report) }
            var inherited: Set<String> = []
            if let entityName = DocumentTree.string(type, "entity") {
                if let entity = entities[entityName] {
                    inherited = Set(Self.fields(of: entity).map(\.0))
                } else {
                    report.error(.unknownEntity, at: path.appending("entity"), "'\(entityName)' is not an entity of the pack")
                }
            }
            checkFieldNames(of: type, at: path, inherited: inherited)
        }
    }

    private mutating func checkSeverityRules() {
        var ids = DuplicateFinder(.duplicateID, noun: "severity rule id")
        for (index, rule) in DocumentTree.objects(document, "severityRules") {
            let path = JSONPointer.root.appending("severityRules").appending(index)
            if let id = DocumentTree.string(rule, "id") { ids.check(id, at: path.appending("id"), into: &report) }
            if let condition = DocumentTree.string(rule, "condition") {
                rules.check(condition, at: path.appending("condition"), into: &report)
            }
        }
    }

    private mutating func checkTools() {
        var names = DuplicateFinder(.duplicateName, noun: "tool name")
        for (index, tool) in DocumentTree.objects(document, "tools") {
            let path = JSONPointer.root.appending("tools").appending(index)
            let name = DocumentTree.string(tool, "name")
            if let name { names.check(name, at: path.appending("name"), into: &report) }
            if let rollback = DocumentTree.string(tool, "rollbackTool") {
                if rollback == name {
                    report.error(.invalidRollback, at: path.appending("rollbackTool"), "a tool cannot roll itself back")
                } else if tools[rollback] == nil {
                    report.error(.unknownTool, at: path.appending("rollbackTool"), "rollback tool '\(rollback)' is not a tool of the pack")
                }
            }
            if let arguments = tool["arguments"], arguments["type"] != nil, arguments["type"] != .string("object") {
                report.error(.invalidValue, at: path.appending("arguments").appending("type"), "tool arguments must be an object")
            }
            checkRequiredMembers(of: tool["arguments"], at: path.appending("arguments"))
            checkRequiredMembers(of: tool["result"], at: path.appending("result"))
        }
    }

    private mutating func checkRequiredMembers(of spec: PackValue?, at path: JSONPointer) {
        guard let spec, let properties = spec["properties"]?.objectValue else { return }
        for (index, name) in DocumentTree.strings(spec, "required") where properties[name] == nil {
            report.error(.unknownField, at: path.appending("required").appending(index), "required member '\(name)' is not among the properties")
        }
        for key in properties.keys.sorted() {
            checkRequiredMembers(of: properties[key], at: path.appending("properties").appending(key))
        }
    }

    private mutating func checkPlaybooks() {
        var ids = DuplicateFinder(.duplicateID, noun: "playbook id")
        for (index, playbook) in DocumentTree.objects(document, "playbooks") {
            let path = JSONPointer.root.appending("playbooks").appending(index)
            if let id = DocumentTree.string(playbook, "id") { ids.check(id, at: path.appending("id"), into: &report) }
            let types = DocumentTree.strings(playbook, "exceptionTypes")
            for (typeIndex, type) in types where !exceptionTypes.contains(type) {
                report.error(.unknownExceptionType, at: path.appending("exceptionTypes").appending(typeIndex), "'\(type)' is not an exception type of the pack")
            }
            let knownTypes = types.map(\.string).filter(exceptionTypes.contains)
            checkSteps(of: playbook, at: path, types: knownTypes)
            if let approval = playbook["approval"], approval["mode"] == .string("severityAtLeast"), approval["minimumSeverity"] == nil {
                report.error(.missingKey, at: path.appending("approval").appending("minimumSeverity"), "mode severityAtLeast needs a minimumSeverity")
            }
        }
    }

    private mutating func checkSteps(of playbook: PackValue, at path: JSONPointer, types: [String]) {
        var ids = DuplicateFinder(.duplicateID, noun: "step id")
        var toolsWithoutRollback: [String] = []
        for (index, step) in DocumentTree.objects(playbook, "steps") {
            let stepPath = path.appending("steps").appending(index)
            if let id = DocumentTree.string(step, "id") { ids.check(id, at: stepPath.appending("id"), into: &report) }
            let toolName = DocumentTree.string(step, "tool")
            let tool = toolName.flatMap { tools[$0] }
            if let toolName, tool == nil {
                report.error(.unknownTool, at: stepPath.appending("tool"), "'\(toolName)' is not a tool of the pack")
            }
            if let arguments = step["arguments"]?.objectValue {
                checkArguments(arguments, tool: tool, toolName: toolName, at: stepPath, types: types)
            }
            if step["onFailure"] == .string("rollback"), !toolsWithoutRollback.isEmpty {
                report.warning(.rollbackUnavailable, at: stepPath.appending("onFailure"),
                               "earlier steps use tools with side effects and no rollback tool (\(toolsWithoutRollback.joined(separator: ", "))); they cannot be undone")
            }
            if let tool, let toolName, tool["rollbackTool"] == nil, tool["readOnly"] != .bool(true) {
                toolsWithoutRollback.append(toolName)
            }
        }
    }

    private mutating func checkArguments(
        _ arguments: [String: PackValue], tool: PackValue?, toolName: String?, at stepPath: JSONPointer, types: [String]
    ) {
        let spec = tool?["arguments"]
        let properties = spec?["properties"]?.objectValue
        let closed = spec?["additionalProperties"] == .bool(false)
        for key in arguments.keys.sorted() {
            let argumentPath = stepPath.appending("arguments").appending(key)
            let template = arguments[key]!
            if let properties, closed, properties[key] == nil, let toolName {
                report.error(.unknownArgument, at: argumentPath, "tool '\(toolName)' has no argument '\(key)'")
            }
            let placeholders: [String]
            do {
                placeholders = try ArgumentTemplate.placeholders(in: template)
            } catch {
                report.error(.invalidTemplate, at: argumentPath, error.message)
                continue
            }
            for placeholder in placeholders {
                let segments = placeholder.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                let missing = types.filter { !catalog.contains(segments, for: $0) }
                if !missing.isEmpty {
                    report.error(.unknownField, at: argumentPath, "'{{\(placeholder)}}' is not a field of \(missing.joined(separator: ", ")) exceptions")
                }
            }
            if placeholders.isEmpty, let memberSpec = properties?[key].flatMap({ try? PackValueDecoding.decode(ValueSpec.self, from: $0) }) {
                for violation in memberSpec.violations(of: template, at: argumentPath) {
                    report.errors.append(ValidationIssue(path: violation.path, code: .argumentMismatch, message: violation.message))
                }
            }
        }
        if let toolName, let spec {
            for required in DocumentTree.strings(spec, "required").map(\.string) where arguments[required] == nil {
                report.error(.missingArgument, at: stepPath.appending("arguments"), "tool '\(toolName)' requires argument '\(required)'")
            }
        }
    }

    private mutating func checkGuardrails() {
        guard let guardrails = document["guardrails"] else { return }
        let path = JSONPointer.root.appending("guardrails")
        var listIDs = DuplicateFinder(.duplicateID, noun: "list id")
        for kind in ["allowLists", "blockLists"] {
            for (index, list) in DocumentTree.objects(guardrails, kind) {
                let listPath = path.appending(kind).appending(index)
                if let id = DocumentTree.string(list, "id") { listIDs.check(id, at: listPath.appending("id"), into: &report) }
                checkListTarget(list, at: listPath)
            }
        }
        if let threshold = guardrails["humanApprovalThreshold"], let field = DocumentTree.string(threshold, "field") {
            checkFieldPath(field, at: path.appending("humanApprovalThreshold").appending("field"))
        }
        var conditionIDs = DuplicateFinder(.duplicateID, noun: "guardrail condition id")
        for (index, condition) in DocumentTree.objects(guardrails, "conditions") {
            let conditionPath = path.appending("conditions").appending(index)
            if let id = DocumentTree.string(condition, "id") { conditionIDs.check(id, at: conditionPath.appending("id"), into: &report) }
            if let source = DocumentTree.string(condition, "condition") {
                rules.check(source, at: conditionPath.appending("condition"), into: &report)
            }
        }
    }

    private mutating func checkFieldPath(_ field: String, at path: JSONPointer) {
        let segments = field.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if StringFormatCheck.isFieldPath(field), !catalog.containsInAnyType(segments) {
            report.error(.unknownField, at: path, "'\(field)' is not a field of any exception type")
        }
    }

    private mutating func checkListTarget(_ list: PackValue, at path: JSONPointer) {
        let argument = DocumentTree.string(list, "argument")
        let field = DocumentTree.string(list, "field")
        switch (argument, field) {
        case (nil, nil), (.some, .some):
            report.error(.invalidValue, at: path, "a list checks exactly one of 'argument' and 'field'")
        case (nil, let field?):
            checkFieldPath(field, at: path.appending("field"))
        case (let argument?, nil):
            let scoped = DocumentTree.strings(list, "tools")
            for (index, tool) in scoped where tools[tool] == nil {
                report.error(.unknownTool, at: path.appending("tools").appending(index), "'\(tool)' is not a tool of the pack")
            }
            let candidates = scoped.isEmpty ? Array(tools.values) : scoped.compactMap { tools[$0.string] }
            let hasArgument = candidates.contains { $0["arguments"]?["properties"]?[argument] != nil }
            if !hasArgument, !candidates.isEmpty || scoped.isEmpty {
                report.error(.unknownArgument, at: path.appending("argument"), "no tool\(scoped.isEmpty ? "" : " in 'tools'") declares an argument '\(argument)'")
            }
        }
    }

    private mutating func checkTestSuites() {
        var suiteNames = DuplicateFinder(.duplicateName, noun: "test suite name")
        var caseIDs = DuplicateFinder(.duplicateID, noun: "test case id")
        for (suiteIndex, suite) in DocumentTree.objects(document, "testSuites") {
            let suitePath = JSONPointer.root.appending("testSuites").appending(suiteIndex)
            if let name = DocumentTree.string(suite, "name") { suiteNames.check(name, at: suitePath.appending("name"), into: &report) }
            for (caseIndex, testCase) in DocumentTree.objects(suite, "cases") {
                let casePath = suitePath.appending("cases").appending(caseIndex)
                if let id = DocumentTree.string(testCase, "id") { caseIDs.check(id, at: casePath.appending("id"), into: &report) }
                checkTestCase(testCase, at: casePath)
            }
        }
    }

    private mutating func checkTestCase(_ testCase: PackValue, at path: JSONPointer) {
        let type = testCase["exception"].flatMap { DocumentTree.string($0, "exceptionType") }
        if let type, !exceptionTypes.contains(type) {
            report.error(.unknownExceptionType, at: path.appending("exception").appending("exceptionType"), "'\(type)' is not an exception type of the pack")
        }
        guard let expected = testCase["expected"] else { return }
        let playbookID = DocumentTree.string(expected, "playbookId")
        let actionability = DocumentTree.string(expected, "actionability").flatMap(Actionability.init)
        if let playbookID {
            if let handled = playbookTypes[playbookID]?.filter(exceptionTypes.contains) {
                if let type, exceptionTypes.contains(type), !handled.isEmpty, !handled.contains(type) {
                    report.error(.invalidValue, at: path.appending("expected").appending("playbookId"), "playbook '\(playbookID)' does not handle \(type)")
                }
            } else {
                report.error(.unknownPlaybook, at: path.appending("expected").appending("playbookId"), "'\(playbookID)' is not a playbook of the pack")
            }
            if actionability == .nonActionableInfoOnly {
                report.error(.invalidValue, at: path.appending("expected").appending("playbookId"), "a NON_ACTIONABLE_INFO_ONLY outcome selects no playbook")
            }
        } else if actionability == .actionableApprovedProcess {
            report.error(.missingKey, at: path.appending("expected").appending("playbookId"), "an ACTIONABLE_APPROVED_PROCESS outcome names the playbook selected")
        }
    }
}
