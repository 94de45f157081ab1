import ArgumentParser
import Discovery
import EventLog
import Foundation

/// `tracewise map LOG --svg OUT [--activities 80 --paths 50] [--dot OUT]`: a Disco-style process map.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Draw a process map (activities and paths with frequencies and mean durations) as SVG.")

    @OptionGroup var input: LogOptions

    @Option(help: "Where to write the SVG.")
    var svg: String?

    @Option(help: "Where to write the map as Graphviz DOT.")
    var dot: String?

    @Option(help: "Percentage of activities to keep, most frequent first (0-100).")
    var activities: Double = 100

    @Option(help: "Percentage of paths to keep, most frequent first (0-100); connectivity is always kept.")
    var paths: Double = 100

    @Option(help: "Shade activity boxes by 'frequency' or by mean 'waiting' time before them.")
    var shading: Shading = .frequency

    enum Shading: String, ExpressibleByArgument, CaseIterable {
        case frequency, waiting
    }

    @OptionGroup var output: FormatOptions

    func validate() throws {
        guard svg != nil || dot != nil else { throw ValidationError("give --svg OUT and/or --dot OUT") }
        guard (0...100).contains(activities), (0...100).contains(paths) else {
            throw ValidationError("--activities and --paths are percentages between 0 and 100")
        }
    }

    func run() throws {
        let eventLog = try input.load()
        let map = ProcessMap(log: eventLog, activityPercentage: activities, pathPercentage: paths)
        let title = input.fileName
        if let svg { try OutputFile.write(ProcessMapSVGRenderer(title: title, activityShading: shading == .waiting ? .meanWaiting : .frequency)
            .svg(for: map), to: svg) }
        if let dot { try OutputFile.write(map.dot(), to: dot) }
        let summary = MapSummary(activities: map.activities.count, totalActivities: map.totalActivityCount,
                                 paths: map.paths.count, totalPaths: map.totalPathCount, cases: map.caseCount)
        switch output.format {
        case .json:
            try JSONOutput.print(summary)
        case .text:
            print("\(summary.activities) of \(summary.totalActivities) activities, \(summary.paths) of \(summary.totalPaths) paths, "
                  + "\(summary.cases) cases")
        }
    }
}

/// What `tracewise map` prints on success.
struct MapSummary: Encodable {
    let activities: Int
    let totalActivities: Int
    let paths: Int
    let totalPaths: Int
    let cases: Int
}
