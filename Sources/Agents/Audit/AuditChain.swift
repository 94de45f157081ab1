import EventLog
import Foundation

/// The hash-chained line format of the audit log.
///
/// Each record is one JSON line laid out as
/// `{"hash":"<64 hex>","prev":"<64 hex>","seq":N,"record":{...}}`.
/// `hash` is the SHA-256 of the line itself with the 64 hash characters replaced by `0`, and `prev` is the
/// previous line's `hash` (64 zeros for the first). Editing any byte of a line breaks its own hash;
/// deleting or reordering lines breaks `prev` or `seq` of the next one.
public enum AuditChain {
    /// The `prev` of the first record.
    public static let genesis = String(repeating: "0", count: 64)
    static let hashPrefix = Array(#"{"hash":""#.utf8)

    /// Formats one line (without the trailing newline) for `recordJSON`, chained after `previousHash`.
    /// - Returns: the line's bytes and its hash.
    public static func line(recordJSON: [UInt8], previousHash: String, sequence: Int) -> (bytes: [UInt8], hash: String) {
        var writer = CompactJSONWriter()
        writer.reserve(headCapacity + recordJSON.count + 1)
        writeHead(into: &writer, previousHash: Array(previousHash.utf8), sequence: sequence)
        writer.raw(recordJSON)
        var bytes = writer.take()
        let hash = seal(&bytes)
        return (bytes, String(decoding: hash, as: UTF8.self))
    }

    /// Writes a line up to its record, its hash still zeros: `{"hash":"000…","prev":"<previousHash>","seq":N,"record":`.
    /// The record is written after it, then ``seal(_:)`` closes the line: one buffer per line, no intermediate arrays.
    static func writeHead(into writer: inout CompactJSONWriter, previousHash: [UInt8], sequence: Int) {
        writer.raw(hashPrefix)
        writer.raw(zeroHash)
        writer.raw(prevKey)
        writer.raw(previousHash)
        writer.raw(seqKey)
        writer.integer(sequence)
        writer.raw(recordKey)
    }

    /// Closes a line begun by ``writeHead(into:previousHash:sequence:)`` whose record was appended: adds the
    /// closing brace, hashes the line (hash field zeros) and writes the hash into it.
    /// - Returns: the hash, 64 lowercase hexadecimal digits.
    static func seal(_ bytes: inout [UInt8]) -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        let hash = Array(SHA256.hex(bytes).utf8)
        bytes.withUnsafeMutableBufferPointer { line in
            for i in 0 ..< 64 { line[hashPrefix.count + i] = hash[i] }
        }
        return hash
    }

    static let zeroHash = [UInt8](repeating: UInt8(ascii: "0"), count: 64)
    private static let prevKey = Array(#"","prev":""#.utf8)
    private static let seqKey = Array(#"","seq":"#.utf8)
    private static let recordKey = Array(#","record":"#.utf8)
    /// A head's length with the longest sequence number.
    static let headCapacity = hashPrefix.count + 64 + prevKey.count + 64 + seqKey.count + 20 + recordKey.count

    /// The lines that chain `records` (``AuditEncoding`` JSON objects) after `last`, the chain's last stored line
    /// (nil for an empty chain), numbered on from its sequence number: what a store appends. The stored line's own
    /// hash and number are read, not recomputed — a tampered line stays named by verification.
    /// - Throws: `StoreError.corrupt` when `last` does not have the chain layout.
    public static func lines(chaining records: [[UInt8]], after last: [UInt8]?) throws -> [(sequence: Int, bytes: [UInt8])] {
        var previous = genesis
        var sequence = 0
        if let last {
            guard last.count > hashPrefix.count + 64, last.prefix(hashPrefix.count).elementsEqual(hashPrefix),
                  let (_, stored) = links(of: last[...]) else {
                throw StoreError(.corrupt, "the chain's last audit record does not have the chain layout")
            }
            previous = String(decoding: last[hashPrefix.count ..< hashPrefix.count + 64], as: UTF8.self)
            sequence = stored
        }
        var lines: [(sequence: Int, bytes: [UInt8])] = []
        lines.reserveCapacity(records.count)
        for record in records {
            sequence += 1
            let (bytes, hash) = line(recordJSON: record, previousHash: previous, sequence: sequence)
            lines.append((sequence, bytes))
            previous = hash
        }
        return lines
    }

    /// The `prev` and `seq` fields of a line, read at their fixed positions; nil when the line does not have
    /// the chain layout (`{"hash":"…","prev":"…","seq":N,"record":…}`).
    static func links(of line: ArraySlice<UInt8>) -> (previous: String, sequence: Int)? {
        let prevKey = Array(#"","prev":""#.utf8), seqKey = Array(#"","seq":"#.utf8), recordKey = Array(#","record":"#.utf8)
        var cursor = line.startIndex + hashPrefix.count + 64
        guard line.last == UInt8(ascii: "}"), line.count > cursor - line.startIndex + prevKey.count + 64 + seqKey.count,
              line[cursor ..< cursor + prevKey.count].elementsEqual(prevKey) else { return nil }
        cursor += prevKey.count
        let previous = String(decoding: line[cursor ..< cursor + 64], as: UTF8.self)
        cursor += 64
        guard line[cursor ..< cursor + seqKey.count].elementsEqual(seqKey) else { return nil }
        cursor += seqKey.count
        var sequence = 0, digits = 0
        while cursor < line.endIndex, let digit = line[cursor].asciiDigit, digits < 18 {
            sequence = sequence * 10 + digit
            digits += 1
            cursor += 1
        }
        guard digits > 0, line.endIndex - cursor > recordKey.count,
              line[cursor ..< cursor + recordKey.count].elementsEqual(recordKey) else { return nil }
        return (previous, sequence)
    }

    /// Recomputes a line's own hash; nil when the line does not have the chain layout.
    static func recomputedHash(of line: ArraySlice<UInt8>) -> (stored: String, computed: String)? {
        let start = line.startIndex
        guard line.count > hashPrefix.count + 64, line.prefix(hashPrefix.count).elementsEqual(hashPrefix) else { return nil }
        let hashRange = start + hashPrefix.count ..< start + hashPrefix.count + 64
        let stored = String(decoding: line[hashRange], as: UTF8.self)
        var zeroed = Array(line)
        zeroed.replaceSubrange(hashPrefix.count ..< hashPrefix.count + 64, with: Array(genesis.utf8))
        return (stored, SHA256.hex(zeroed))
    }
}

extension UInt8 {
    fileprivate var asciiDigit: Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) ? Int(self - UInt8(ascii: "0")) : nil
    }
}
