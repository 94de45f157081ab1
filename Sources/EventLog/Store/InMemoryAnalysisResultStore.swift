/// Keeps analysis results in memory, per tenant.
public actor InMemoryAnalysisResultStore: AnalysisResultStore {
    private struct Key: Hashable {
        var tenant: String
        var logName: String
        var kind: AnalysisResult.Kind
        var parameters: String
    }

    private var stored: [Key: AnalysisResult] = [:]

    public init() {}

    public func save(_ result: AnalysisResult, tenant: String) throws {
        try StoreError.validate(tenant, as: "tenant")
        try StoreError.validate(result.logName, as: "log name")
        stored[Key(tenant: tenant, logName: result.logName, kind: result.kind, parameters: result.parametersKey)] = result
    }

    public func result(logName: String, kind: AnalysisResult.Kind, parameters: [String: String], tenant: String) -> AnalysisResult? {
        stored[Key(tenant: tenant, logName: logName, kind: kind, parameters: AnalysisResult.parametersKey(parameters))]
    }

    public func results(logName: String, tenant: String) -> [AnalysisResult] {
        stored.filter { $0.key.tenant == tenant && $0.key.logName == logName }
            .sorted { ($0.key.kind, $0.key.parameters) < ($1.key.kind, $1.key.parameters) }
            .map(\.value)
    }

    public func deleteResults(logName: String, tenant: String) -> Int {
        let keys = stored.keys.filter { $0.tenant == tenant && $0.logName == logName }
        for key in keys { stored.removeValue(forKey: key) }
        return keys.count
    }
}
