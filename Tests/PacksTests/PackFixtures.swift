import Packs

/// Small valid packs the tests mutate into malformed ones.
enum PackFixtures {
    static let domainJSON = """
    {
      "domainName": "demo",
      "version": "1.0.0",
      "entities": [
        {"name": "Order", "identifier": "orderId", "fields": [
          {"name": "orderId", "type": "string", "required": true},
          {"name": "amount", "type": "number"},
          {"name": "customer", "type": "object"}
        ]}
      ],
      "exceptionTypes": [
        {"name": "LATE_ORDER", "description": "Delivered late.", "defaultSeverity": "LOW", "entity": "Order",
         "fields": [{"name": "daysLate", "type": "integer"}]},
        {"name": "LOST_ORDER", "description": "Never delivered.", "defaultSeverity": "HIGH", "entity": "Order"}
      ],
      "severityRules": [
        {"id": "very-late", "condition": "payload.daysLate > 10", "severity": "HIGH"},
        {"id": "lost-big", "condition": "exceptionType == 'LOST_ORDER' && payload.amount >= 5000", "severity": "CRITICAL"}
      ],
      "tools": [
        {"name": "notify", "description": "Message the customer.", "version": "1.0.0",
         "arguments": {"type": "object", "properties": {"orderId": {"type": "string"}, "text": {"type": "string"}},
                       "required": ["orderId"], "additionalProperties": false},
         "transport": {"type": "inProcess", "name": "notifier"}},
        {"name": "refund", "description": "Refund the order.", "version": "1.0.0",
         "arguments": {"type": "object", "properties": {"orderId": {"type": "string"}, "amount": {"type": "number", "minimum": 0}},
                       "required": ["orderId", "amount"]},
         "transport": {"type": "http", "endpoint": "https://payments.example/refund", "method": "POST"},
         "timeoutMs": 3000, "maxRetries": 2, "rollbackTool": "unrefund"},
        {"name": "unrefund", "description": "Reverse a refund.", "version": "1.0.0",
         "arguments": {"type": "object", "properties": {"orderId": {"type": "string"}, "amount": {"type": "number"}}},
         "transport": {"type": "http", "endpoint": "https://payments.example/unrefund", "method": "POST"}}
      ],
      "playbooks": [
        {"id": "chase", "name": "Chase", "exceptionTypes": ["LATE_ORDER"],
         "steps": [{"id": "tell", "tool": "notify", "arguments": {"orderId": "{{payload.orderId}}", "text": "late by {{payload.daysLate}} days"}}]},
        {"id": "refund-lost", "name": "Refund", "exceptionTypes": ["LOST_ORDER"], "approval": {"mode": "always"},
         "steps": [{"id": "pay", "tool": "refund", "arguments": {"orderId": "{{payload.orderId}}", "amount": "{{payload.amount}}"}}]}
      ],
      "guardrails": {
        "allowLists": [{"id": "refund-orders", "argument": "orderId", "tools": ["refund"], "values": ["A1", "A2"]}],
        "blockLists": [{"id": "blocked-customers", "field": "payload.customer.id", "values": ["C-666"]}],
        "humanApprovalThreshold": {"field": "payload.amount", "value": 1000},
        "noAutoActionIfSeverityIn": ["CRITICAL"],
        "conditions": [{"id": "big-order", "condition": "payload.amount > 5000", "effect": "requireApproval"}]
      },
      "testSuites": [
        {"name": "basic", "cases": [
          {"id": "late", "exception": {"exceptionType": "LATE_ORDER", "payload": {"orderId": "1", "daysLate": 12}},
           "expected": {"severity": "HIGH", "actionability": "ACTIONABLE_APPROVED_PROCESS", "playbookId": "chase"}}
        ]}
      ]
    }
    """

    static let tenantJSON = """
    {
      "tenantId": "t1",
      "domainName": "demo",
      "version": "1.0.0",
      "domainVersion": "^1.0.0",
      "approvedBusinessProcesses": ["chase"],
      "toolsAllowList": [{"tool": "notify"}, {"tool": "refund", "timeoutMs": 2000}],
      "severityOverrides": [{"exceptionType": "LATE_ORDER", "condition": "payload.daysLate > 30", "severity": "CRITICAL"}],
      "guardrailOverrides": {"humanApprovalThreshold": 500, "allowLists": {"refund-orders": ["A1"]},
                             "blockLists": {"blocked-customers": ["C-666", "C-667"]}},
      "noAutoActionIfSeverityIn": ["HIGH", "CRITICAL"]
    }
    """

    static var domain: PackValue { try! PackDocumentReader.parse(domainJSON, format: .json) }
    static var tenant: PackValue { try! PackDocumentReader.parse(tenantJSON, format: .json) }
    static var domainPack: DomainPack { PackLoader().validateDomainPack(domain).pack! }
}

extension PackValue {
    /// This value with the member or element at a JSON pointer replaced (nil removes it; `-` appends).
    func setting(_ pointer: String, to newValue: PackValue?) -> PackValue {
        let components = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        return Self.set(self, components[...], newValue)
    }

    private static func set(_ value: PackValue, _ components: ArraySlice<String>, _ newValue: PackValue?) -> PackValue {
        guard let head = components.first else { return newValue ?? .null }
        let rest = components.dropFirst()
        switch value {
        case .object(var members):
            if rest.isEmpty {
                members[head] = newValue
            } else {
                members[head] = set(members[head] ?? .object([:]), rest, newValue)
            }
            return .object(members)
        case .array(var elements):
            if head == "-" {
                if let newValue { elements.append(newValue) }
            } else if let index = Int(head), elements.indices.contains(index) {
                if rest.isEmpty {
                    if let newValue { elements[index] = newValue } else { elements.remove(at: index) }
                } else {
                    elements[index] = set(elements[index], rest, newValue)
                }
            }
            return .array(elements)
        default:
            return value
        }
    }
}
