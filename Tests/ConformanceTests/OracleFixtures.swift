import Discovery
import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

/// Loads the shared reference nets and logs for the oracle tests.
enum OracleFixtures {
    /// `../shared/reference/<reference>/<file>` as a Petri net.
    static func net(_ reference: String, _ file: String = "imf.pnml") throws -> PetriNet {
        try PNMLReader().read(contentsOf: SharedData.require("reference/\(reference)/\(file)")).net
    }

    /// The shared XES log of a reference folder.
    static func log(_ reference: String) throws -> EventLog {
        let file = try XCTUnwrap(SharedData.referenceLogs.first { $0.reference == reference }?.file, reference)
        return try EventLog(contentsOf: SharedData.require("datasets/\(file)"))
    }

    /// Reference folders that have `imf.pnml`.
    static var references: [String] {
        SharedData.referenceLogs.map(\.reference)
    }
}
