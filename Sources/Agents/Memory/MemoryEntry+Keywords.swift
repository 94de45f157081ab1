extension MemoryEntry {
    /// The words of `text` a keyword overlap compares: lower-cased runs of letters and digits longer than two
    /// characters.
    static func keywords(of text: String) -> Set<String> {
        asciiKeywords(of: text)
            ?? Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.filter { $0.count > 2 }.map(String.init))
    }

    /// The keywords of an ASCII text, read from its bytes (no `Character` per letter): the same set as the general
    /// path — for ASCII, lower-casing maps `A`–`Z` only, the letters and digits are the only letter and number
    /// characters (`"\r\n"`, one character, is neither), and every other character is one byte.
    /// - Returns: nil when the text is not ASCII.
    private static func asciiKeywords(of text: String) -> Set<String>? {
        var text = text
        return text.withUTF8 { utf8 -> Set<String>? in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            var words = Set<String>()
            var start = 0
            for end in 0...utf8.count {
                if end < utf8.count, isWordByte(utf8[end]) { continue }
                if end - start > 2 {
                    words.insert(String(unsafeUninitializedCapacity: end - start) { word in
                        for i in start..<end { word[i - start] = utf8[i] | (utf8[i] >= UInt8(ascii: "A") && utf8[i] <= UInt8(ascii: "Z") ? 0x20 : 0) }
                        return end - start
                    })
                }
                start = end + 1
            }
            return words
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: false
        }
    }
}
