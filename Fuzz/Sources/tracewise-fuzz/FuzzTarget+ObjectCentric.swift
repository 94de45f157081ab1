import Foundation
import ObjectCentric

extension FuzzTarget {
    static let ocelJSON = FuzzTarget(name: "ocel-json", summary: "OCEL 1.0/2.0 JSON, strict and lenient") { bytes in
        readOCEL(bytes, format: .json)
    }

    static let ocelXML = FuzzTarget(name: "ocel-xml", summary: "OCEL 1.0/2.0 XML, strict and lenient") { bytes in
        readOCEL(bytes, format: .xml)
    }

    /// What strict reads, lenient reads too, with the same events and objects.
    private static func readOCEL(_ bytes: [UInt8], format: OCELFormat) {
        let data = Data(bytes)
        let lenient = try? ObjectCentricLog.read(data, fileName: "fuzz", format: format, options: OCELImportOptions(lenient: true))
        guard let strict = try? ObjectCentricLog.read(data, fileName: "fuzz", format: format) else { return }
        invariant(lenient != nil, "lenient rejects an OCEL log strict reads")
        if let lenient {
            invariant(lenient.log.eventIDs.count == strict.log.eventIDs.count && lenient.log.objectIDs.count == strict.log.objectIDs.count,
                      "lenient reads a strict OCEL log differently")
        }
    }
}
