import Discovery
import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

/// Loads the shared reference nets and logs for the oracle tests.
enum OracleFixtures {
    /// `../shared/reference/<reference>/<file>` as a Petri net.
    static func net(_ reference: String, _ file: String = "imf.pnml") throws -> PetriNet {
        try PetriNet(pnmlContentsOf: SharedData.require("reference/\(reference)/\(file)"))
    }

    /// The log of a reference folder, rebuilt from the variant list of its `summary.json`
    /// (every measure checked here depends only on the variants and their counts).
    static func log(_ reference: String) throws -> EventLog {
        let summary = try SharedData.json("reference/\(reference)/summary.json")
        let variants = try XCTUnwrap(summary["variants"] as? [[Any]])
        var builder = EventLogBuilder()
        for variant in variants {
            let activities = try XCTUnwrap(variant[0] as? [String])
            let count = try XCTUnwrap(variant[1] as? Int)
            for _ in 0..<count {
                builder.startTrace()
                for activity in activities { builder.addEvent(activity: activity) }
            }
        }
        return builder.build()
    }

    /// Reference folders that have `imf.pnml`.
    static var references: [String] {
        SharedData.referenceLogs.map(\.reference)
    }
}
