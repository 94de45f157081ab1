extension ExceptionOutcome {
    /// The tool calls of the plan that succeeded (rollbacks included): what a store's tool-call ledger keeps
    /// so a retried job does not repeat them.
    public var succeededToolCalls: [ToolCallOutcome] {
        (plan?.steps ?? []).compactMap { step in step.outcome?.status == .success ? step.outcome : nil }
    }
}
