/// A compact, lossless binary form of whole ``AttributeColumn``s, cut into segments of at most
/// ``rowsPerSegment`` rows, for stores that keep a log's attributes column by column.
///
/// Storing columns instead of one attribute list per event keeps bulk ingest narrow (an event row holds only
/// the columns SQL mines: case, position, activity, timestamp, resource) and makes loading a log a decode of
/// a few large blobs straight into typed arrays, with no per-event work. Every storage keeps its exact
/// contents (interned strings with their pool in order, float bits, date offsets, mixed values through
/// ``AttributeCodec``), so a column round-trips equal.
///
/// Layout of a segment, little-endian: a storage tag byte, a `UInt32` row count, then per storage —
/// strings and ids: the pool (`UInt32` count, then `UInt32` byte length + UTF-8 each; only the first
/// segment carries it, later ones have count 0) followed by one `Int32` code per row; ints: `Int64` values
/// then one presence byte per row; floats: the `UInt64` bit patterns then presence bytes; booleans: one
/// `Int8` per row; dates: `Int64` microseconds then `Int16` offsets; mixed: per row a `UInt32` byte length
/// (`UInt32.max` when absent) and the attribute as a one-element ``AttributeCodec`` list.
///
/// ```swift
/// let stored = AttributeColumnCodec.segments(of: log.eventAttributes)
/// let table = try AttributeColumnCodec.table(rowCount: log.eventCount, segments: stored)
/// ```
public enum AttributeColumnCodec {
    /// The most rows one segment holds, so no single stored value grows with the log beyond a few MiB.
    public static let rowsPerSegment = 1 << 18

    /// One stored segment: rows `segment * rowsPerSegment ..<` of the column at `ordinal` (its position in the
    /// table) named `key`.
    public struct Segment: Sendable, Equatable {
        public var ordinal: Int
        public var key: String
        public var segment: Int
        public var data: [UInt8]

        public init(ordinal: Int, key: String, segment: Int, data: [UInt8]) {
            self.ordinal = ordinal
            self.key = key
            self.segment = segment
            self.data = data
        }
    }

    /// A segment's storage tag byte: the kind's raw value.
    private typealias Tag = AttributeColumnArrays.Kind

    /// Every column of `table` as segments, ordered by column then segment; a column always has at least one.
    public static func segments(of table: AttributeTable) -> [Segment] {
        var result: [Segment] = []
        for (ordinal, column) in table.columns.enumerated() {
            var start = 0
            var index = 0
            repeat {
                let end = min(table.rowCount, start + rowsPerSegment)
                result.append(Segment(ordinal: ordinal, key: column.key, segment: index,
                                      data: encode(column, rows: start ..< end, withPool: index == 0)))
                start = end
                index += 1
            } while start < table.rowCount
        }
        return result
    }

    /// The table stored as `segments` (ordered by ordinal then segment, as ``segments(of:)`` returns them).
    /// - Throws: ``StoreError`` with `corrupt` when the segments are not such an encoding,
    ///   are out of order, or do not add up to `rowCount` rows per column.
    public static func table(rowCount: Int, segments: [Segment]) throws -> AttributeTable {
        var columns: [AttributeColumn] = []
        var start = 0
        while start < segments.count {
            var end = start + 1
            while end < segments.count, segments[end].ordinal == segments[start].ordinal { end += 1 }
            guard segments[start].ordinal == columns.count else { throw StoreError(.corrupt, "attribute columns are missing or out of order") }
            var decoder = ColumnDecoder(key: segments[start].key)
            for (expected, segment) in segments[start ..< end].enumerated() {
                guard segment.segment == expected, segment.key == decoder.key else {
                    throw StoreError(.corrupt, "segments of attribute column '\(decoder.key)' are missing or out of order")
                }
                try decoder.append(segment.data)
            }
            let column = try decoder.column()
            guard column.count == rowCount else {
                throw StoreError(.corrupt, "attribute column '\(decoder.key)' has \(column.count) rows, the log \(rowCount)")
            }
            columns.append(column)
            start = end
        }
        return AttributeTable(rowCount: rowCount, columns: columns)
    }

    /// The column stored as `segments` (one column's, ordered by segment), for readers that need one key.
    /// - Throws: ``StoreError`` with `corrupt`.
    public static func column(key: String, segments: [[UInt8]]) throws -> AttributeColumn {
        var decoder = ColumnDecoder(key: key)
        for data in segments { try decoder.append(data) }
        return try decoder.column()
    }

    /// The log whose traces have the attribute lists `traceRows` (in case order) and whose events have
    /// `eventRows` (ordered by case, then position within it), for converting a store that kept one
    /// ``AttributeCodec`` list per row into columns; cases without events stay, empty.
    public static func log(traceRows: [[Attribute]], eventRows: [(caseIndex: Int, attributes: [Attribute])]) -> EventLog {
        var builder = EventLogBuilder()
        var next = 0
        for (caseIndex, attributes) in eventRows {
            while next <= caseIndex, next < traceRows.count {
                builder.startTrace(attributes: traceRows[next])
                next += 1
            }
            builder.addEvent(attributes: attributes)
        }
        while next < traceRows.count {
            builder.startTrace(attributes: traceRows[next])
            next += 1
        }
        return builder.build()
    }

    private static func encode(_ column: AttributeColumn, rows: Range<Int>, withPool: Bool) -> [UInt8] {
        var out = Writer()
        func pool(_ table: SymbolTable) {
            let names = withPool ? table.names : []
            out.count(names.count)
            for name in names { out.string(name) }
        }
        switch column.storage {
        case .string(let codes, let table), .id(let codes, let table):
            if case .id = column.storage { out.byte(Tag.id.rawValue) } else { out.byte(Tag.string.rawValue) }
            out.count(rows.count)
            pool(table)
            for row in rows { out.fixed(UInt32(bitPattern: codes[row])) }
        case .int(let values, let present):
            out.byte(Tag.int.rawValue)
            out.count(rows.count)
            for row in rows { out.fixed(UInt64(bitPattern: values[row])) }
            for row in rows { out.byte(present[row] ? 1 : 0) }
        case .float(let values, let present):
            out.byte(Tag.float.rawValue)
            out.count(rows.count)
            for row in rows { out.fixed(values[row].bitPattern) }
            for row in rows { out.byte(present[row] ? 1 : 0) }
        case .boolean(let values):
            out.byte(Tag.boolean.rawValue)
            out.count(rows.count)
            for row in rows { out.byte(UInt8(bitPattern: values[row])) }
        case .date(let values, let offsets):
            out.byte(Tag.date.rawValue)
            out.count(rows.count)
            for row in rows { out.fixed(UInt64(bitPattern: values[row])) }
            for row in rows { out.fixed(UInt16(bitPattern: offsets[row])) }
        case .mixed(let values):
            out.byte(Tag.mixed.rawValue)
            out.count(rows.count)
            for row in rows {
                guard let attribute = values[row] else {
                    out.fixed(UInt32.max)
                    continue
                }
                let bytes = AttributeCodec.encode([attribute])
                out.count(bytes.count)
                out.bytes.append(contentsOf: bytes)
            }
        }
        return out.bytes
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func byte(_ value: UInt8) { bytes.append(value) }

        mutating func count(_ value: Int) { fixed(UInt32(value)) }

        mutating func fixed<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                count(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }
    }

    /// Accumulates one column's segments into typed arrays.
    private struct ColumnDecoder {
        let key: String
        private var tag: Tag?
        private var arrays = AttributeColumnArrays()

        init(key: String) {
            self.key = key
        }

        mutating func append(_ data: [UInt8]) throws {
            try data.withUnsafeBytes { raw in
                var reader = Reader(raw: raw)
                guard let tag = Tag(rawValue: try reader.fixed(UInt8.self)) else { throw StoreError(.corrupt, "unknown attribute column tag") }
                guard self.tag == nil || self.tag == tag else { throw StoreError(.corrupt, "segments of attribute column '\(key)' differ in type") }
                let first = self.tag == nil
                self.tag = tag
                let rows = try reader.count()
                switch tag {
                case .string, .id:
                    let names = try reader.count()
                    guard first || names == 0 else { throw StoreError(.corrupt, "a later segment of '\(key)' carries a string pool") }
                    for _ in 0..<names { arrays.pool.intern(try reader.string()) }
                    try reader.need(rows * 4)
                    arrays.codes.reserveCapacity(arrays.codes.count + rows)
                    for _ in 0..<rows {
                        let code = Int32(bitPattern: try reader.fixed(UInt32.self))
                        guard code >= -1, code < arrays.pool.count else { throw StoreError(.corrupt, "string code out of the pool in '\(key)'") }
                        arrays.codes.append(code)
                    }
                case .int, .float:
                    try reader.need(rows * 9)
                    for _ in 0..<rows {
                        let bits = try reader.fixed(UInt64.self)
                        if tag == .int { arrays.integers.append(Int64(bitPattern: bits)) } else { arrays.floats.append(Double(bitPattern: bits)) }
                    }
                    for _ in 0..<rows { arrays.present.append(try reader.fixed(UInt8.self) != 0) }
                case .boolean:
                    for _ in 0..<rows { arrays.booleans.append(Int8(bitPattern: try reader.fixed(UInt8.self))) }
                case .date:
                    try reader.need(rows * 10)
                    for _ in 0..<rows { arrays.integers.append(Int64(bitPattern: try reader.fixed(UInt64.self))) }
                    for _ in 0..<rows { arrays.offsets.append(Int16(bitPattern: try reader.fixed(UInt16.self))) }
                case .mixed:
                    for _ in 0..<rows {
                        let length = try reader.fixed(UInt32.self)
                        guard length != .max else {
                            arrays.mixed.append(nil)
                            continue
                        }
                        let attributes = try AttributeCodec.decode(try reader.bytes(Int(length)))
                        guard attributes.count == 1 else { throw StoreError(.corrupt, "a mixed value of '\(key)' is not one attribute") }
                        arrays.mixed.append(attributes[0])
                    }
                }
                guard reader.atEnd else { throw StoreError(.corrupt, "a segment of attribute column '\(key)' has trailing bytes") }
            }
        }

        func column() throws -> AttributeColumn {
            guard let tag else { throw StoreError(.corrupt, "attribute column '\(key)' has no segments") }
            return AttributeColumn(key: key, storage: arrays.storage(tag))
        }
    }

    private struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset = 0

        var atEnd: Bool { offset == raw.count }

        func need(_ count: Int) throws {
            guard count >= 0, count <= raw.count - offset else { throw StoreError(.corrupt, "attribute column data ends early") }
        }

        mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws -> T {
            try need(MemoryLayout<T>.size)
            defer { offset += MemoryLayout<T>.size }
            return T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
        }

        mutating func count() throws -> Int {
            let value = Int(try fixed(UInt32.self))
            try need(value == 0 ? 0 : 1)
            return value
        }

        mutating func bytes(_ count: Int) throws -> [UInt8] {
            try need(count)
            defer { offset += count }
            return Array(raw[offset ..< offset + count])
        }

        mutating func string() throws -> String {
            let length = Int(try fixed(UInt32.self))
            try need(length)
            defer { offset += length }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset ..< offset + length]), as: UTF8.self)
        }
    }
}
