/// One libFuzzer target: a parser of untrusted bytes fed the fuzzer's input.
///
/// A parser may reject any input with its typed error; it must never crash, hang, read out of bounds or
/// break one of the invariants a target checks with ``invariant(_:_:file:line:)`` (a broken invariant traps,
/// so libFuzzer keeps the input as a crash).
struct FuzzTarget: Sendable {
    let name: String
    let summary: String
    let run: @Sendable ([UInt8]) -> Void

    static let all: [FuzzTarget] = [
        .xes, .xesLenient, .csv, .pnml, .ptml, .packJSON, .packYAML, .ocelJSON, .ocelXML,
        .sse, .ndjson, .connectorJSON, .xlsx,
    ]

    static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }

    /// The target of this process, set once by `main` before libFuzzer starts (libFuzzer calls back on the
    /// main thread only).
    nonisolated(unsafe) static var selected: FuzzTarget?
}

/// Traps when a property every input must satisfy does not hold.
func invariant(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError("invariant broken: \(message())", file: file, line: line) }
}
