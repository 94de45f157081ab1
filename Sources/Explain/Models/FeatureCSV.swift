import Foundation

/// A feature table read from or written to CSV: the first column holds row ids, the header names the
/// features, every other cell is a number. Empty cells and `NaN` (any case) are missing values.
///
/// ```swift
/// let table = try FeatureCSV(contentsOf: URL(fileURLWithPath: "X.csv"))
/// let margins = model.predict(table.matrix)
/// ```
public struct FeatureCSV: Sendable, Hashable {
    /// The header of the id column.
    public var idHeader: String
    /// The numeric cells, with the header's feature names and the id column as `caseIDs`.
    public var matrix: FeatureMatrix

    /// The row ids, in file order.
    public var rowIDs: [String] { matrix.caseIDs }

    /// Creates a table from a matrix whose `caseIDs` are the row ids.
    public init(idHeader: String, matrix: FeatureMatrix) {
        self.idHeader = idHeader
        self.matrix = matrix
    }

    /// Reads a CSV file.
    /// - Throws: ``ExplainError`` `.fileNotFound`, `.malformedCSV` (no header, a row with the wrong number of
    ///   cells, an unterminated quote) or `.nonNumericCell`, each with the file, line, column and field.
    public init(contentsOf url: URL) throws {
        self = try ExplainError.parsing(url) { try FeatureCSV(csv: $0) }
    }

    /// Parses CSV bytes (UTF-8, comma-separated, RFC 4180 quoting, LF or CRLF line ends).
    public init(csv data: Data) throws {
        var records = CSVRecords(bytes: [UInt8](data))
        guard let header = try records.next(), header.fields.count >= 2 else {
            throw ExplainError(.malformedCSV, "expected a header with an id column and at least one feature",
                             location: .init(line: 1))
        }
        let names = Array(header.fields.dropFirst())
        var ids: [String] = []
        var values: [Double] = []
        while let record = try records.next() {
            guard record.fields.count == header.fields.count else {
                throw ExplainError(.malformedCSV,
                                 "row has \(record.fields.count) cells, header has \(header.fields.count)",
                                 location: .init(line: record.line))
            }
            ids.append(record.fields[0])
            for (offset, cell) in record.fields.dropFirst().enumerated() {
                guard let value = Self.number(cell) else {
                    throw ExplainError(.nonNumericCell, "'\(cell.prefix(40))' is not a number",
                                     location: .init(line: record.line, column: offset + 2, field: names[offset]))
                }
                values.append(value)
            }
        }
        idHeader = header.fields[0]
        matrix = FeatureMatrix(names: names, values: values, caseIDs: ids)
    }

    private static func number(_ cell: String) -> Double? {
        let text = cell.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text.lowercased() == "nan" { return .nan }
        return Double(text)
    }

    /// The table as CSV text: header, then one line per row; numbers use Swift's shortest exact form.
    public func csvText() -> String {
        var text = ([idHeader] + matrix.names).map(Self.quoted).joined(separator: ",") + "\n"
        let columns = matrix.columnCount
        for (row, id) in rowIDs.enumerated() {
            text += Self.quoted(id)
            for column in 0..<columns {
                let value = matrix.values[row * columns + column]
                text += value.isNaN ? "," : ",\(value)"
            }
            text += "\n"
        }
        return text
    }

    /// Writes ``csvText()`` to `url`.
    /// - Throws: ``ExplainError`` `ioError` when the file cannot be written.
    public func write(to url: URL) throws {
        do {
            try Data(csvText().utf8).write(to: url, options: .atomic)
        } catch {
            throw ExplainError(.ioError, "cannot write: \(error.localizedDescription)", location: .init(file: url.path))
        }
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Splits CSV bytes into records of fields, tracking the 1-based line each record starts on.
struct CSVRecords {
    struct Record {
        var fields: [String]
        var line: Int
    }

    private let bytes: [UInt8]
    private var position: Int
    private var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next non-empty record, or nil at the end.
    mutating func next() throws -> Record? {
        while position < bytes.count {
            let startLine = line
            let fields = try readRecord()
            if fields.count == 1 && fields[0].isEmpty { continue }
            return Record(fields: fields, line: startLine)
        }
        return nil
    }

    private mutating func readRecord() throws -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        let startLine = line
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
                        field.append(byte)
                        position += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                quoted = true
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\n"):
                line += 1
                fields.append(String(decoding: field, as: UTF8.self))
                return fields
            case UInt8(ascii: "\r"):
                continue
            default:
                field.append(byte)
            }
        }
        if quoted {
            throw ExplainError(.malformedCSV, "unterminated quoted field", location: .init(line: startLine))
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}
