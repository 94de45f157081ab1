/// The declared structure of domain packs and tenant policy packs. The Codable models mirror it member for
/// member; `JSONSchemaExporter` turns it into `docs/schemas/*.schema.json`.
enum PackSchema {
    static let severity = PackShape.enumeration(Severity.allCases.map(\.rawValue))
    static let severities = PackShape.array(severity, minItems: 0)
    static let identifiers = PackShape.array(.string(.identifier), minItems: 0)
    static let constantNames = PackShape.array(.string(.constantName), minItems: 0)

    static let definitions: [String: PackShape] = ["ValueSpec": valueSpec]

    static let field = PackShape.object(ObjectShape(title: "field", description: "A payload or entity field.", fields: [
        .required("name", .string(.identifier), "Field name; rules and templates refer to it as payload.<name>."),
        .required("type", .enumeration(FieldDefinition.FieldType.allCases.map(\.rawValue)), "JSON type of the field's values; object and any fields may be navigated further."),
        .optional("description", .string(.text), "What the field holds."),
        .optional("required", .boolean, default: false, "Whether every exception of the type must carry the field."),
    ]))

    static let valueSpec = PackShape.object(ObjectShape(title: "value spec", description: "A JSON-Schema subset.", fields: [
        .optional("type", .enumeration(ValueSpec.ValueType.allCases.map(\.rawValue)), "JSON type of the value."),
        .optional("description", .string(.text), "What the value means."),
        .optional("properties", .map(.reference("ValueSpec")), "Specs of object members."),
        .optional("required", .array(.string(.text), minItems: 0), "Object members that must be present."),
        .optional("additionalProperties", .boolean, "Whether members outside properties are allowed (default true)."),
        .optional("items", .reference("ValueSpec"), "Spec of every array element."),
        .optional("enum", .array(.any, minItems: 1), "The only values allowed."),
        .optional("minimum", .number(minimum: nil, maximum: nil), "Smallest number allowed."),
        .optional("maximum", .number(minimum: nil, maximum: nil), "Largest number allowed."),
        .optional("minLength", .integer(minimum: 0, maximum: nil), "Shortest string allowed."),
        .optional("maxLength", .integer(minimum: 0, maximum: nil), "Longest string allowed."),
        .optional("pattern", .string(.pattern), "Regular expression strings must match (bounded dialect)."),
        .optional("minItems", .integer(minimum: 0, maximum: nil), "Fewest array elements allowed."),
        .optional("maxItems", .integer(minimum: 0, maximum: nil), "Most array elements allowed."),
    ]))

    static let entity = PackShape.object(ObjectShape(title: "entity", description: "A business object exceptions concern.", fields: [
        .required("name", .string(.identifier), "Entity name, unique in the pack."),
        .optional("description", .string(.text), "What the entity is."),
        .optional("identifier", .string(.identifier), "The field that identifies an instance; one of fields."),
        .optional("fields", .array(field, minItems: 0), default: [], "Fields the entity contributes to exception payloads."),
    ]))

    static let exceptionType = PackShape.object(ObjectShape(title: "exception type", description: "A kind of exception.", fields: [
        .required("name", .string(.constantName), "UPPER_SNAKE_CASE name, unique in the pack."),
        .required("description", .string(.text), "What happened."),
        .optional("detectionHints", .array(.string(.text), minItems: 0), default: [], "Signals that identify the type in raw feeds."),
        .required("defaultSeverity", severity, "Severity when no severity rule matches."),
        .optional("entity", .string(.identifier), "The entity concerned; its fields become payload fields."),
        .optional("fields", .array(field, minItems: 0), default: [], "Payload fields specific to the type."),
    ]))

    static let severityRule = PackShape.object(ObjectShape(title: "severity rule", description: "condition → severity.", fields: [
        .required("id", .string(.identifier), "Rule id, unique in the pack."),
        .optional("description", .string(.text), "Why the rule exists."),
        .required("condition", .string(.rule), "Rule-language condition over the exception."),
        .required("severity", severity, "Severity when the condition holds; the highest matching rule wins."),
    ]))

    static let transportHTTP = ObjectShape(title: "http transport", description: "An HTTP endpoint.", fields: [
        .required("type", .enumeration(["http"]), "http"),
        .required("endpoint", .string(.url), "http(s) URL called with the arguments as a JSON body."),
        .required("method", .enumeration(ToolDefinition.HTTPMethod.allCases.map(\.rawValue)), "HTTP method."),
    ])

    static let transportInProcess = ObjectShape(title: "in-process transport", description: "A closure in the host.", fields: [
        .required("type", .enumeration(["inProcess"]), "inProcess"),
        .required("name", .string(.identifier), "Name the host registered the closure under."),
    ])

    static let tool = PackShape.object(ObjectShape(title: "tool", description: "An action the domain can take.", fields: [
        .required("name", .string(.identifier), "Tool name, unique in the pack."),
        .required("description", .string(.text), "What the tool does."),
        .required("version", .string(.semanticVersion), "Semantic version of the tool contract."),
        .required("arguments", .reference("ValueSpec"), "Spec of the arguments object."),
        .optional("result", .reference("ValueSpec"), "Spec of a successful result."),
        .required("transport", .tagged(discriminator: "type", variants: [("http", transportHTTP), ("inProcess", transportInProcess)]), "How the tool is reached."),
        .optional("timeoutMs", .integer(minimum: 1, maximum: 600_000), default: 5000, "Per-call timeout in milliseconds."),
        .optional("maxRetries", .integer(minimum: 0, maximum: 10), default: 0, "Automatic retries after a failure."),
        .optional("idempotent", .boolean, default: false, "Whether repeating a call has no further effect."),
        .optional("readOnly", .boolean, default: false, "Whether the tool has no side effects (nothing to roll back)."),
        .optional("rollbackTool", .string(.identifier), "Tool that undoes this one, called with the same arguments."),
    ]))

    static let approval = PackShape.object(ObjectShape(title: "approval", description: "When a human must approve.", fields: [
        .required("mode", .enumeration(ApprovalRequirement.Mode.allCases.map(\.rawValue)), "never, always or severityAtLeast."),
        .optional("minimumSeverity", severity, "Threshold for severityAtLeast."),
        .optional("approverRole", .string(.text), "Role allowed to approve."),
    ]))

    static let step = PackShape.object(ObjectShape(title: "playbook step", description: "One tool call.", fields: [
        .required("id", .string(.identifier), "Step id, unique in the playbook."),
        .optional("description", .string(.text), "What the step does."),
        .required("tool", .string(.identifier), "Name of a tool of the pack."),
        .optional("arguments", .map(.any), default: [:], "Argument templates; strings may contain {{field.path}} placeholders."),
        .optional("onFailure", .enumeration(PlaybookStep.FailurePolicy.allCases.map(\.rawValue)), default: "stop", "stop, continue or rollback."),
        .optional("requiresApproval", .boolean, default: false, "Whether this step needs approval on its own."),
    ]))

    static let playbook = PackShape.object(ObjectShape(title: "playbook", description: "An ordered procedure.", fields: [
        .required("id", .string(.identifier), "Playbook id, unique in the pack; tenants approve playbooks by id."),
        .required("name", .string(.text), "Human-readable name."),
        .optional("description", .string(.text), "What the playbook achieves."),
        .required("exceptionTypes", .array(.string(.constantName), minItems: 1), "Exception types it handles."),
        .required("steps", .array(step, minItems: 1), "Steps in execution order."),
        .optional("approval", approval, default: ["mode": "never"], "Approval requirement."),
    ]))

    static let valueList = PackShape.object(ObjectShape(title: "value list", description: "Allowed or blocked values.", fields: [
        .required("id", .string(.identifier), "List id, unique among the pack's lists."),
        .optional("description", .string(.text), "Why the list exists."),
        .optional("argument", .string(.identifier), "Tool argument checked (exclusive with field)."),
        .optional("field", .string(.fieldPath), "Exception field checked (exclusive with argument)."),
        .optional("tools", identifiers, default: [], "Tools whose argument is checked; every tool with the argument when empty."),
        .required("values", .array(.any, minItems: 0), "The values."),
    ]))

    static let guardrailCondition = PackShape.object(ObjectShape(title: "guardrail condition", description: "A rule with an effect.", fields: [
        .required("id", .string(.identifier), "Condition id, unique among guardrail conditions."),
        .optional("description", .string(.text), "Why the guardrail exists."),
        .required("condition", .string(.rule), "Rule-language condition over the exception."),
        .required("effect", .enumeration(GuardrailCondition.Effect.allCases.map(\.rawValue)), "block, requireApproval or escalate."),
    ]))

    static let guardrails = PackShape.object(ObjectShape(title: "guardrails", description: "Limits nothing may cross.", fields: [
        .optional("allowLists", .array(valueList, minItems: 0), default: [], "Values an argument or field must take."),
        .optional("blockLists", .array(valueList, minItems: 0), default: [], "Values an argument or field must not take."),
        .optional("humanApprovalThreshold", .object(ObjectShape(title: "approval threshold", description: "Numeric approval threshold.", fields: [
            .required("field", .string(.fieldPath), "Numeric exception field."),
            .required("value", .number(minimum: nil, maximum: nil), "At or above this value a human must approve."),
        ])), "Numeric field value at or above which a human must approve."),
        .optional("noAutoActionIfSeverityIn", severities, default: ["CRITICAL"], "Severities never handled automatically."),
        .optional("conditions", .array(guardrailCondition, minItems: 0), default: [], "Rule-language guardrails."),
    ]))

    static let testCase = PackShape.object(ObjectShape(title: "test case", description: "A raw exception and its expected outcome.", fields: [
        .required("id", .string(.identifier), "Case id, unique in the pack."),
        .optional("description", .string(.text), "What the case checks."),
        .required("exception", .object(rawException), "The raw exception."),
        .required("expected", .object(ObjectShape(title: "expectation", description: "Expected outcome.", fields: [
            .required("severity", severity, "Expected severity."),
            .required("actionability", .enumeration(Actionability.allCases.map(\.rawValue)), "Expected actionability class."),
            .optional("playbookId", .string(.identifier), "Expected playbook; absent when none is selected."),
        ])), "Expected outcome."),
    ]))

    /// A raw exception as source systems send it (test cases and `exceptions.json`).
    static let rawException = ObjectShape(title: "raw exception", description: "An exception as a source system sends it.", fields: [
        .optional("exceptionId", .string(.text), "Source id; Intake assigns one when absent."),
        .required("exceptionType", .string(.text), "Exception type name."),
        .optional("sourceSystem", .string(.text), "System that raised it."),
        .optional("timestamp", .string(.text), "ISO-8601 time it was raised."),
        .optional("tenantId", .string(.text), "Tenant it belongs to."),
        .optional("confidence", .number(minimum: 0, maximum: 1), "Detection confidence."),
        .optional("payload", .map(.any), "Type-specific fields."),
    ])

    static let testSuite = PackShape.object(ObjectShape(title: "test suite", description: "Named test cases.", fields: [
        .required("name", .string(.text), "Suite name, unique in the pack."),
        .optional("description", .string(.text), "What the suite covers."),
        .required("cases", .array(testCase, minItems: 1), "The cases."),
    ]))

    static let domainPack = PackShape.object(ObjectShape(title: "domain pack", description: "Everything the Agents layer knows about one domain.", fields: [
        .required("domainName", .string(.identifier), "Domain name; tenant packs name it."),
        .required("version", .string(.semanticVersion), "Semantic version of the pack."),
        .optional("description", .string(.text), "What the domain covers."),
        .optional("entities", .array(entity, minItems: 0), default: [], "Business objects."),
        .required("exceptionTypes", .array(exceptionType, minItems: 1), "Exception types."),
        .optional("severityRules", .array(severityRule, minItems: 0), default: [], "Severity rules, in evaluation order."),
        .optional("tools", .array(tool, minItems: 0), default: [], "Tools."),
        .optional("playbooks", .array(playbook, minItems: 0), default: [], "Playbooks."),
        .optional("guardrails", guardrails, default: [:], "Guardrails."),
        .optional("testSuites", .array(testSuite, minItems: 0), default: [], "Test suites."),
    ]))

    static let toolPermission = PackShape.object(ObjectShape(title: "tool permission", description: "An allowed tool.", fields: [
        .required("tool", .string(.identifier), "Name of a domain tool."),
        .optional("timeoutMs", .integer(minimum: 1, maximum: 600_000), "Timeout for this tenant (at most the domain's)."),
        .optional("maxRetries", .integer(minimum: 0, maximum: 10), "Retries for this tenant."),
    ]))

    static let severityOverride = PackShape.object(ObjectShape(title: "severity override", description: "A tenant severity.", fields: [
        .required("exceptionType", .string(.constantName), "Exception type concerned."),
        .optional("condition", .string(.rule), "Rule-language condition; always applies when absent."),
        .required("severity", severity, "Severity to use."),
    ]))

    static let guardrailOverrides = PackShape.object(ObjectShape(title: "guardrail overrides", description: "Tenant changes to guardrails.", fields: [
        .optional("allowLoosening", .boolean, default: false, "Permit loosening overrides (reported as warnings)."),
        .optional("humanApprovalThreshold", .number(minimum: nil, maximum: nil), "New value for the domain threshold."),
        .optional("allowLists", .map(.array(.any, minItems: 0)), default: [:], "Replacement values by allow-list id."),
        .optional("blockLists", .map(.array(.any, minItems: 0)), default: [:], "Replacement values by block-list id."),
        .optional("disabledConditions", identifiers, default: [], "Domain guardrail conditions switched off."),
        .optional("additionalConditions", .array(guardrailCondition, minItems: 0), default: [], "Tenant guardrail conditions."),
    ]))

    static let humanApprovalRules = PackShape.object(ObjectShape(title: "human approval rules", description: "What always needs approval.", fields: [
        .optional("playbooks", identifiers, default: [], "Playbook ids."),
        .optional("tools", identifiers, default: [], "Tool names."),
        .optional("exceptionTypes", constantNames, default: [], "Exception types."),
        .optional("severities", severities, default: [], "Severities."),
    ]))

    static let notificationPolicy = PackShape.object(ObjectShape(title: "notification policy", description: "Who hears about what.", fields: [
        .required("id", .string(.identifier), "Policy id, unique in the pack."),
        .required("channel", .enumeration(NotificationPolicy.Channel.allCases.map(\.rawValue)), "Channel."),
        .required("target", .string(.text), "Address, channel or URL."),
        .required("events", .array(.enumeration(NotificationPolicy.Event.allCases.map(\.rawValue)), minItems: 1), "Events notified."),
        .optional("severities", severities, default: [], "Severities notified (all when empty)."),
    ]))

    static let retention = PackShape.object(ObjectShape(title: "retention", description: "Retention in days.", fields: [
        .optional("auditDays", .integer(minimum: 1, maximum: 36_500), default: 2555, "Audit trail retention."),
        .optional("memoryDays", .integer(minimum: 1, maximum: 36_500), default: 365, "Case memory retention."),
        .optional("approvalHistoryDays", .integer(minimum: 1, maximum: 36_500), default: 2555, "Approval history retention."),
    ]))

    static let model = PackShape.object(ObjectShape(title: "model settings", description: "Language model settings.", fields: [
        .optional("provider", .string(.identifier), default: "none", "Provider name; none keeps everything rule-based."),
        .optional("name", .string(.text), "Model name."),
        .optional("temperature", .number(minimum: 0, maximum: 2), default: 0, "Sampling temperature."),
        .optional("maxTokens", .integer(minimum: 1, maximum: 1_000_000), default: 1024, "Largest response."),
        .optional("timeoutMs", .integer(minimum: 1, maximum: 600_000), default: 20000, "Per-call timeout."),
        .optional("maxRetries", .integer(minimum: 0, maximum: 10), default: 1, "Retries after invalid output."),
        .optional("tokensPerDay", .integer(minimum: 1, maximum: 10_000_000_000), "Token quota per UTC day (no limit when absent)."),
        .optional("requestsPerMinute", .integer(minimum: 1, maximum: 1_000_000), "Model calls allowed in any 60 s (no limit when absent)."),
    ]))

    static let redaction = PackShape.object(ObjectShape(title: "redaction", description: "What is masked before text leaves the process.", fields: [
        .optional("fields", .array(.string(.text), minItems: 0), default: [], "JSON field names whose string values are masked (e.g. customerName)."),
        .optional("patterns", .array(.string(.pattern), minItems: 0), default: [], "Regular expressions; every word matching one is masked."),
        .optional("disabledDefaults", .array(.enumeration(RedactionSettings.DefaultRule.allCases.map(\.rawValue)), minItems: 0), default: [],
                  "Default rules switched off explicitly (email, phone, iban, card)."),
    ]))

    static let embedding = PackShape.object(ObjectShape(title: "embedding settings", description: "Case-memory embedding settings.", fields: [
        .optional("provider", .string(.identifier), default: "hashed-ngram", "Embedding provider."),
        .optional("dimensions", .integer(minimum: 8, maximum: 8192), default: 256, "Vector dimensions."),
        .optional("ngramSize", .integer(minimum: 1, maximum: 8), default: 3, "Character n-gram length."),
    ]))

    static let tenantPolicyPack = PackShape.object(ObjectShape(title: "tenant policy pack", description: "One tenant's policy on a domain.", fields: [
        .required("tenantId", .string(.identifier), "Tenant id."),
        .required("domainName", .string(.identifier), "Domain pack this policy applies to."),
        .required("version", .string(.semanticVersion), "Semantic version of this policy."),
        .required("domainVersion", .string(.versionRequirement), "Domain pack versions supported (^1.2.0, >=1.0.0 <2.0.0)."),
        .optional("description", .string(.text), "What the policy is for."),
        .optional("approvedBusinessProcesses", identifiers, default: [], "Approved playbook ids."),
        .optional("toolsAllowList", .array(toolPermission, minItems: 0), default: [], "Tools that may run, with overrides."),
        .optional("severityOverrides", .array(severityOverride, minItems: 0), default: [], "Severity overrides."),
        .optional("guardrailOverrides", guardrailOverrides, default: [:], "Guardrail overrides."),
        .optional("noAutoActionIfSeverityIn", severities, "Severities never handled automatically (domain guardrail when absent)."),
        .optional("requireHumanApprovalFor", humanApprovalRules, default: [:], "What always needs approval."),
        .optional("maxAutoRetries", .integer(minimum: 0, maximum: 10), default: 3, "Cap on automatic retries."),
        .optional("escalateIfConfidenceBelow", .number(minimum: 0, maximum: 1), default: 0.6, "Confidence below which decisions escalate."),
        .optional("notificationPolicies", .array(notificationPolicy, minItems: 0), default: [], "Notifications."),
        .optional("retention", retention, default: [:], "Retention."),
        .optional("model", model, default: [:], "Language model settings."),
        .optional("embedding", embedding, default: [:], "Embedding settings."),
        .optional("redaction", redaction, default: [:], "Redaction of text sent to models."),
    ]))
}
