import EventLog
import Foundation
import ZIPFoundation

/// An `.xlsx` workbook read with a streaming sheet reader: shared strings, inline and formula strings,
/// booleans, numbers, dates stored as serial numbers (1900 and 1904 date systems, told by the cell's number
/// format) and empty cells, so a sheet becomes rows of text the CSV column mapping understands.
///
/// ```swift
/// let workbook = try XLSXWorkbook(contentsOf: URL(fileURLWithPath: "orders.xlsx"))
/// let log = try workbook.eventLog(sheet: nil, options: CSVImportOptions(mapping: mapping))
/// ```
public struct XLSXWorkbook: Sendable {
    public let url: URL
    /// A sheet's name and the archive path of its XML part.
    public struct Sheet: Hashable, Sendable {
        public var name: String
        public var path: String
    }

    /// The sheets in workbook order.
    public let sheets: [Sheet]
    /// True when the workbook uses the 1904 date system.
    public let uses1904Dates: Bool
    private let sharedStrings: [String]
    /// Per cell style index: whether its number format shows a date or time.
    private let dateStyles: [Bool]

    public init(contentsOf url: URL) throws {
        self.url = url
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw XLSXError(file: url.path, reason: "not a readable .xlsx (ZIP) file: \(error)")
        }
        func part(_ path: String, required: Bool) throws -> [XMLTagScanner.Token] {
            guard let entry = archive[path] else {
                if required { throw XLSXError(file: url.path, reason: "the workbook has no \(path)") }
                return []
            }
            var scanner = XMLTagScanner()
            var tokens: [XMLTagScanner.Token] = []
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in try scanner.feed(chunk) { tokens.append($0) } }
                try scanner.finish()
            } catch let malformed as XMLTagScanner.Malformed {
                throw XLSXError(file: url.path, reason: "\(path) at byte \(malformed.offset): \(malformed.reason)")
            } catch let error as XLSXError {
                throw error
            } catch {
                throw XLSXError(file: url.path, reason: "\(path) cannot be inflated: \(error)")
            }
            return tokens
        }
        var date1904 = false
        var sheetRefs: [(String, String)] = []
        for token in try part("xl/workbook.xml", required: true) {
            guard case .start(let name, let attributes, _) = token else { continue }
            if name == "workbookPr" { date1904 = ["1", "true"].contains(attributes["date1904"] ?? "0") }
            if name == "sheet", let sheetName = attributes["name"], let id = attributes["id"] { sheetRefs.append((sheetName, id)) }
        }
        var targets: [String: String] = [:]
        for token in try part("xl/_rels/workbook.xml.rels", required: true) {
            if case .start("Relationship", let attributes, _) = token, let id = attributes["Id"], let target = attributes["Target"] {
                targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        sheets = try sheetRefs.map { name, id in
            guard let path = targets[id] else { throw XLSXError(file: url.path, sheet: name, reason: "the sheet's part (\(id)) is missing from the relationships") }
            return Sheet(name: name, path: path)
        }
        uses1904Dates = date1904
        sharedStrings = Self.sharedStrings(try part("xl/sharedStrings.xml", required: false))
        dateStyles = Self.dateStyles(try part("xl/styles.xml", required: false))
        archiveURL = url
    }

    private let archiveURL: URL

    /// The rows of a sheet (the first when `sheet` is nil) as text, padded to the widest row; dates as
    /// ISO 8601 (`2024-03-01T09:30:00`), booleans as `true`/`false`, numbers as Excel shows them unformatted.
    public func rows(sheet: String? = nil) throws -> [[String]] {
        guard let target = sheet.map({ name in sheets.first { $0.name == name } }) ?? sheets.first else {
            throw XLSXError(file: url.path, sheet: sheet, reason: sheet == nil ? "the workbook has no sheets" : "no sheet of that name (sheets: \(sheets.map(\.name).joined(separator: ", ")))")
        }
        let archive: Archive
        do { archive = try Archive(url: archiveURL, accessMode: .read) } catch {
            throw XLSXError(file: url.path, reason: "not a readable .xlsx (ZIP) file: \(error)")
        }
        guard let entry = archive[target.path] else { throw XLSXError(file: url.path, sheet: target.name, reason: "the sheet's part \(target.path) is missing") }
        var reader = SheetReader(file: url.path, sheet: target.name, sharedStrings: sharedStrings, dateStyles: dateStyles, uses1904Dates: uses1904Dates)
        var scanner = XMLTagScanner()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in try scanner.feed(chunk) { try reader.consume($0) } }
            try scanner.finish()
        } catch let malformed as XMLTagScanner.Malformed {
            throw XLSXError(file: url.path, sheet: target.name, row: reader.currentRow, reason: "malformed XML at byte \(malformed.offset): \(malformed.reason)")
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError(file: url.path, sheet: target.name, reason: "the sheet cannot be inflated: \(error)")
        }
        let width = reader.rows.map(\.count).max() ?? 0
        return reader.rows.map { $0 + Array(repeating: "", count: width - $0.count) }
    }

    /// The sheet as an event log through the CSV importer's column mapping (the first row is the header).
    public func eventLog(sheet: String? = nil, options: CSVImportOptions = CSVImportOptions()) throws -> EventLog {
        let table = try rows(sheet: sheet)
        var csv: [UInt8] = []
        for row in table {
            csv += Array(row.map(Self.quoted).joined(separator: ",").utf8)
            csv.append(0x0A)
        }
        return try CSVReader(options: options).read(bytes: csv, name: url.lastPathComponent).log
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func sharedStrings(_ tokens: [XMLTagScanner.Token]) -> [String] {
        var strings: [String] = []
        var current = ""
        var inItem = false, inText = false, inPhonetic = false
        for token in tokens {
            switch token {
            case .start("si", _, let closed): inItem = !closed; current = ""; if closed { strings.append("") }
            case .end("si"): strings.append(current); inItem = false
            case .start("rPh", _, let closed): inPhonetic = !closed
            case .end("rPh"): inPhonetic = false
            case .start("t", _, let closed): inText = !closed
            case .end("t"): inText = false
            case .text(let text) where inItem && inText && !inPhonetic: current += text
            default: break
            }
        }
        return strings
    }

    /// Built-in date/time formats are ids 14–22 and 45–47; a custom format is a date when its code has
    /// d, m, y, h or s outside quotes and brackets (and is not only a colour or condition).
    private static func dateStyles(_ tokens: [XMLTagScanner.Token]) -> [Bool] {
        var custom: [Int: Bool] = [:]
        var styles: [Bool] = []
        var inCellXfs = false
        for token in tokens {
            switch token {
            case .start("numFmt", let attributes, _):
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { custom[id] = isDateFormat(code) }
            case .start("cellXfs", _, let closed): inCellXfs = !closed
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let attributes, _) where inCellXfs:
                let id = attributes["numFmtId"].flatMap { Int($0) } ?? 0
                styles.append(custom[id] ?? ((14...22).contains(id) || (45...47).contains(id)))
            default: break
            }
        }
        return styles
    }

    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false
        for character in code.lowercased() {
            switch character {
            case "\"": inQuote.toggle()
            case "[": inBracket = true
            case "]": inBracket = false
            case "d", "m", "y", "h", "s" where !inQuote && !inBracket: return true
            default: break
            }
        }
        return false
    }
}

/// Turns a sheet's tokens into rows, cell by cell, placing each cell by its reference (`C7`) so gaps stay empty.
struct SheetReader {
    let file: String
    let sheet: String
    let sharedStrings: [String]
    let dateStyles: [Bool]
    let uses1904Dates: Bool
    private(set) var rows: [[String]] = []
    private(set) var currentRow = 0
    private var row: [String] = []
    private var cellColumn = 0
    private var cellReference = ""
    private var cellType = "n"
    private var cellStyle = 0
    private var value = ""
    private var inValue = false, inInline = false, inText = false, inCell = false

    init(file: String, sheet: String, sharedStrings: [String], dateStyles: [Bool], uses1904Dates: Bool) {
        self.file = file
        self.sheet = sheet
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.uses1904Dates = uses1904Dates
    }

    mutating func consume(_ token: XMLTagScanner.Token) throws {
        switch token {
        case .start("row", let attributes, let closed):
            let number = attributes["r"].flatMap { Int($0) } ?? (currentRow + 1)
            guard number > currentRow else {
                throw XLSXError(file: file, sheet: sheet, row: number, reason: "rows out of order (after row \(currentRow))")
            }
            while rows.count < number - 1 { rows.append([]) }
            currentRow = number
            row = []
            cellColumn = 0
            if closed { rows.append([]) }
        case .end("row"):
            rows.append(row)
        case .start("c", let attributes, let closed):
            cellReference = attributes["r"] ?? ""
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
            cellColumn = try column(of: cellReference) ?? cellColumn + 1
            value = ""
            inCell = !closed
            if closed { try place("") }
        case .end("c"):
            try place(try cellText())
            inCell = false
        case .start("v", _, let closed) where inCell: inValue = !closed
        case .end("v"): inValue = false
        case .start("is", _, let closed) where inCell: inInline = !closed
        case .end("is"): inInline = false
        case .start("t", _, let closed) where inInline: inText = !closed
        case .end("t"): inText = false
        case .text(let text) where inValue || (inInline && inText): value += text
        default: break
        }
    }

    private mutating func place(_ text: String) throws {
        guard cellColumn >= 1 else { return }
        if row.count < cellColumn { row += Array(repeating: "", count: cellColumn - row.count) }
        row[cellColumn - 1] = text
    }

    private var letters: String {
        var number = cellColumn, result = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            result = String(UnicodeScalar(UInt8(65 + remainder))) + result
            number = (number - 1) / 26
        }
        return result
    }

    private func fail(_ reason: String) -> XLSXError {
        XLSXError(file: file, sheet: sheet, row: currentRow, column: letters, reason: reason)
    }

    private func column(of reference: String) throws -> Int? {
        guard !reference.isEmpty else { return nil }
        var number = 0
        for scalar in reference.unicodeScalars {
            guard scalar.properties.isUppercase, scalar.isASCII else { break }
            number = number * 26 + Int(scalar.value) - 64
            if number > 16_384 { break }
        }
        guard number > 0, number <= 16_384 else { throw XLSXError(file: file, sheet: sheet, row: currentRow, reason: "bad cell reference \"\(reference)\"") }
        return number
    }

    private func cellText() throws -> String {
        switch cellType {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) else {
                throw fail("shared string index \"\(value)\" is out of range (\(sharedStrings.count) strings)")
            }
            return sharedStrings[index]
        case "inlineStr", "str": return value
        case "b": return value == "1" ? "true" : value == "0" ? "false" : value
        case "e": return ""
        default:
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return "" }
            guard let number = Double(trimmed) else { throw fail("\"\(value)\" is not a number") }
            if dateStyles.indices.contains(cellStyle), dateStyles[cellStyle] { return try date(fromSerial: number) }
            return trimmed
        }
    }

    /// Excel serial day numbers: the 1900 system counts from 1899-12-30 (Excel's phantom 29 Feb 1900 is
    /// why serials below 61 are one day off — they are shifted here), the 1904 system from 1904-01-01.
    private func date(fromSerial serial: Double) throws -> String {
        guard serial >= 0, serial < 2_958_466 else { throw fail("date serial \(serial) is out of range") }
        var days = serial
        if !uses1904Dates, serial < 61 { days += 1 }
        let epochDays: Int64 = uses1904Dates ? -24_107 : -25_569
        let micros = Int64((days * 86_400_000_000).rounded()) + epochDays * 86_400_000_000
        let text = SourceTimestamp.iso8601(micros)
        return String(text.dropLast())
    }
}
