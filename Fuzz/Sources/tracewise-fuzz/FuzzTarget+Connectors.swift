import Foundation
import TracewiseConnectors
import ZIPFoundation

extension FuzzTarget {
    /// A source's page body as the connectors read it (JSON values, record paths, source timestamps) and a
    /// REST mapping file.
    static let connectorJSON = FuzzTarget(name: "connector-json", summary: "JSONValue page bodies, record paths, SourceTimestamp, RESTMapping") { bytes in
        let data = Data(bytes)
        _ = try? JSONDecoder().decode(RESTMapping.self, from: data)
        _ = SourceTimestamp.microseconds(String(decoding: bytes, as: UTF8.self))
        guard let page = try? JSONValue(data: data) else { return }
        for path in ["issues", "data.items", "records.0.fields.updated", "a..b", "0", ""] {
            if let value = page.value(at: path) {
                _ = (value.typeName, value.string, value.number, value.bool, value.array?.count)
                if let text = value.string { _ = SourceTimestamp.microseconds(text) }
            }
        }
        do {
            let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(page))
            invariant(again == page, "a page body changes when written and read again")
        } catch {
            fatalError("a page body read does not write and read again: \(error)")
        }
    }

    /// `.xlsx` workbooks: either the raw bytes as the file (when they start like a ZIP), or the input as the
    /// SpreadsheetML parts of a well-formed workbook (sheet data, shared strings and styles separated by NUL
    /// bytes), so the fuzzer reaches the XML and cell decoding instead of stopping at the ZIP layer.
    static let xlsx = FuzzTarget(name: "xlsx", summary: "XLSXWorkbook on raw ZIP bytes or fuzzed SpreadsheetML parts") { bytes in
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tracewise-fuzz-\(getpid()).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                try Data(bytes).write(to: url)
            } else {
                try writeWorkbook(parts: bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init), to: url)
            }
        } catch {
            fatalError("cannot write the fuzz workbook: \(error)")
        }
        guard let workbook = try? XLSXWorkbook(contentsOf: url) else { return }
        _ = try? workbook.rows()
        _ = try? workbook.eventLog()
    }

    private static func writeWorkbook(parts: [[UInt8]], to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ bytes: [UInt8]) throws {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let namespace = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
        try add("xl/workbook.xml", Array(#"<?xml version="1.0" encoding="UTF-8"?><workbook \#(namespace) xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8))
        try add("xl/_rels/workbook.xml.rels", Array(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8))
        try add("xl/worksheets/sheet1.xml", Array(#"<?xml version="1.0" encoding="UTF-8"?><worksheet \#(namespace)><sheetData>"#.utf8) + parts[0] + Array("</sheetData></worksheet>".utf8))
        if parts.count > 1 {
            try add("xl/sharedStrings.xml", Array(#"<?xml version="1.0" encoding="UTF-8"?><sst \#(namespace)>"#.utf8) + parts[1] + Array("</sst>".utf8))
        }
        if parts.count > 2 { try add("xl/styles.xml", parts[2]) }
    }
}
