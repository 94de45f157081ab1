import EventLog

/// The process map embedded in `tracewise report`: Discovery's SVG renderer, once it is part of the build.
enum ProcessMapSource {
    static func svg(for log: EventLog) -> String? { nil }
}
