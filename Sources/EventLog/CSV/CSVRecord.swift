/// A borrowed view of one CSV record's unescaped fields, valid only inside
/// ``CSVRecordReader/withRecord(_:)``. Reading it involves no reference counting or exclusivity checks.
struct CSVRecord {
    let bytes: UnsafeRawBufferPointer
    let ends: UnsafeBufferPointer<Int>
    /// The 1-based physical line on which the record starts.
    let line: Int
    /// The 1-based record number (the header is record 1).
    let number: Int

    /// The number of fields.
    @inline(__always)
    var count: Int { ends.count }

    /// The bytes of field `index`.
    @inline(__always)
    func field(_ index: Int) -> UnsafeRawBufferPointer {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeRawBufferPointer(rebasing: bytes[start ..< ends[index]])
    }

    /// Field `index` as a string (invalid UTF-8 is repaired).
    func string(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }
}
