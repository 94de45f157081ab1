import Discovery
import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

final class ProcessMapRenderingTests: XCTestCase {
    /// Renders BPIC 2012's map (all activities, the top 40 % of paths) and checks the SVG's structure.
    /// The file is left in the temporary directory for a look in a browser.
    func testBPIC2012MapRendersAsWellFormedReadableSVG() throws {
        let log = try EventLog(contentsOf: try SharedData.require("datasets/bpic2012.xes.gz"))
        for (activities, paths) in [(100.0, 40.0), (100.0, 100.0), (60.0, 20.0)] {
            let map = ProcessMap(log: log, activityPercentage: activities, pathPercentage: paths)
            let svg = ProcessMapSVGRenderer(title: "BPIC 2012").svg(for: map)
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("tracewise-bpic2012-map-\(Int(activities))-\(Int(paths)).svg")
            try svg.write(to: url, atomically: true, encoding: .utf8)
            print("wrote \(url.path)")

            var reader = XMLTreeReader(bytes: Array(svg.utf8))
            let root = try reader.readDocument()
            XCTAssertEqual(root.name, "svg")
            let width = try XCTUnwrap(Double(root.attributes["width"] ?? ""))
            let height = try XCTUnwrap(Double(root.attributes["height"] ?? ""))
            XCTAssertGreaterThan(width, 400)
            XCTAssertLessThan(width, 6000)
            XCTAssertGreaterThan(height, 400)
            XCTAssertLessThan(height, 8000)
            let activityGroups = descendants(of: root).filter { $0.name == "g" && $0.attributes["class"] == "activity" }
            XCTAssertEqual(activityGroups.count, map.activities.count)
            let titles = activityGroups.compactMap { $0.child("title")?.text }
            for activity in map.activities {
                let expected = "\(activity.name): \(formatted(activity.count))"
                XCTAssertTrue(titles.contains { $0 == expected || $0.hasPrefix(expected + ", mean wait ") }, activity.name)
            }
            let pathGroups = descendants(of: root).filter { $0.name == "g" && $0.attributes["class"] == "path" }
            XCTAssertEqual(pathGroups.count, map.paths.count)
            for element in descendants(of: root) {
                for key in ["x", "y", "cx", "cy", "width", "height"] {
                    if let value = element.attributes[key], let number = Double(value) {
                        XCTAssertTrue(number.isFinite && number >= -1 && number <= max(width, height) + 1, "\(element.name) \(key)=\(value)")
                    }
                }
            }
        }
    }

    private func descendants(of node: XMLElementNode) -> [XMLElementNode] {
        node.children.flatMap { [$0] + descendants(of: $0) }
    }

    private func formatted(_ n: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: n)) ?? "\(n)"
    }
}
