/// A regular expression that cannot blow up: patterns compile to a Thompson NFA of at most
/// `maximumProgramSize` instructions and are run by a Pike VM, so matching takes at most
/// O(input length × program size) steps — no backtracking, hence no catastrophic patterns — and every run
/// is additionally capped by a step budget.
///
/// Matching is a search (the pattern may match anywhere); anchor with `^…$` to match the whole string.
/// A pattern that begins with literal ASCII text (`ignore (all|previous)`, `^NOS-\d+`) is first looked for
/// as bytes, and text without that prefix is rejected before the VM runs.
///
/// ```swift
/// let regex = try BoundedRegex("^SWIFT-[A-Z]{4}\\d+$")
/// regex.isMatch(in: "SWIFT-ABCD42")   // true
/// ```
public struct BoundedRegex: Hashable, Sendable, CustomStringConvertible {
    enum Instruction: Hashable, Sendable {
        case character(Character)
        case any
        case set(RegexNode.CharacterSet)
        case split(Int, Int)
        case jump(Int)
        case assertStart
        case assertEnd
        case match
    }

    /// The largest compiled program accepted; counted repetitions count once per copy.
    public static let maximumProgramSize = 4096

    /// The pattern as written.
    public let pattern: String
    let caseInsensitive: Bool
    let program: [Instruction]
    /// The ASCII characters every match starts with (lower-cased when case-insensitive), as UTF-8.
    let literalPrefix: [UInt8]
    /// Whether the pattern starts with `^`, so the prefix must be at the start of the text.
    let prefixIsAnchored: Bool

    /// Compiles `pattern`.
    /// - Throws: `RegexSyntaxError` for syntax outside the dialect or a program that would be too large.
    public init(_ pattern: String) throws(RegexSyntaxError) {
        var parser = RegexPatternParser(pattern)
        let tree = try parser.parse()
        var compiler = Compiler(caseInsensitive: parser.caseInsensitive)
        try compiler.emit(tree)
        compiler.program.append(.match)
        self.pattern = pattern
        self.caseInsensitive = parser.caseInsensitive
        self.program = compiler.program
        (literalPrefix, prefixIsAnchored) = Self.literalPrefix(of: compiler.program)
    }

    public var description: String { pattern }

    public static func == (lhs: BoundedRegex, rhs: BoundedRegex) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// Whether the pattern matches somewhere in `text`, or nil when the run needed more than `budget` steps.
    public func isMatch(in text: String, budget: Int = 1_000_000) -> Bool? {
        var remaining = budget
        return matches(text, budget: &remaining)
    }

    /// Matches `text`, case-folded once up front when the pattern is case-insensitive.
    func matches(_ text: String, budget: inout Int) -> Bool? {
        let input = caseInsensitive ? text.lowercased() : text
        if !literalPrefix.isEmpty {
            budget -= input.utf8.count
            guard budget > 0 else { return nil }
            guard Self.contains(literalPrefix, in: input, anchored: prefixIsAnchored) else { return false }
        }
        return matches(Array(input), budget: &budget)
    }

    /// The straight-line `character` instructions at the program's entry (after a `^`): every thread that
    /// reaches `match` ran them first, in order. Only single-byte ASCII characters are taken (not CR-LF), so a
    /// byte search for them can miss no match: such a character equals no other encoding of itself.
    private static func literalPrefix(of program: [Instruction]) -> ([UInt8], anchored: Bool) {
        var pc = 0
        var anchored = false
        if case .assertStart = program[0] {
            anchored = true
            pc = 1
        }
        var prefix: [UInt8] = []
        while case .character(let character) = program[pc], character.utf8.count == 1, let byte = character.utf8.first, byte < 0x80 {
            prefix.append(byte)
            pc += 1
        }
        return (prefix, anchored)
    }

    /// Whether `prefix` occurs in `text`'s UTF-8 (at its start when `anchored`).
    private static func contains(_ prefix: [UInt8], in text: String, anchored: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= prefix.count else { return false }
            let lastStart = anchored ? 0 : bytes.count - prefix.count
            var start = 0
            while start <= lastStart {
                var offset = 0
                while offset < prefix.count && bytes[start + offset] == prefix[offset] { offset += 1 }
                if offset == prefix.count { return true }
                start += 1
            }
            return false
        }
    }

    /// The Pike VM: advances all threads in lock step over the input, at most one thread per instruction.
    /// `input` is already lower-cased when the pattern is case-insensitive.
    private func matches(_ input: [Character], budget: inout Int) -> Bool? {
        var current: [Int] = []
        var next: [Int] = []
        var marks = [Int](repeating: -1, count: program.count)
        var generation = 0
        var stack: [Int] = []
        for position in 0...input.count {
            generation += 1
            for pc in current { marks[pc] = generation }
            if addThread(0, at: position, count: input.count, to: &current, marks: &marks, generation: generation, stack: &stack, budget: &budget) {
                return true
            }
            guard budget > 0 else { return nil }
            guard position < input.count else { return false }
            let character = input[position]
            generation += 1
            next.removeAll(keepingCapacity: true)
            for pc in current {
                budget -= 1
                guard accepts(program[pc], character) else { continue }
                if addThread(pc + 1, at: position + 1, count: input.count, to: &next, marks: &marks, generation: generation, stack: &stack, budget: &budget) {
                    return true
                }
            }
            guard budget > 0 else { return nil }
            swap(&current, &next)
        }
        return false
    }

    private func accepts(_ instruction: Instruction, _ character: Character) -> Bool {
        switch instruction {
        case .character(let expected): expected == character
        case .any: character != "\n"
        case .set(let set): set.contains(character, caseInsensitive: caseInsensitive)
        default: false
        }
    }

    /// Follows jumps, splits and assertions from `start`, adding the consuming instructions reached to
    /// `list`. Returns true when `match` is reached.
    private func addThread(
        _ start: Int, at position: Int, count: Int, to list: inout [Int], marks: inout [Int], generation: Int,
        stack: inout [Int], budget: inout Int
    ) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        while let pc = stack.popLast() {
            budget -= 1
            guard budget > 0 else { return false }
            guard marks[pc] != generation else { continue }
            marks[pc] = generation
            switch program[pc] {
            case .match: return true
            case .jump(let target): stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertStart: if position == 0 { stack.append(pc + 1) }
            case .assertEnd: if position == count { stack.append(pc + 1) }
            case .character, .any, .set: list.append(pc)
            }
        }
        return false
    }

    private struct Compiler {
        let caseInsensitive: Bool
        var program: [Instruction] = []

        mutating func append(_ instruction: Instruction) throws(RegexSyntaxError) {
            guard program.count < BoundedRegex.maximumProgramSize else {
                throw RegexSyntaxError("pattern too complex (more than \(BoundedRegex.maximumProgramSize) states)", offset: 0)
            }
            program.append(instruction)
        }

        mutating func emit(_ node: RegexNode) throws(RegexSyntaxError) {
            switch node {
            case .empty: break
            case .character(let character):
                try append(.character(caseInsensitive ? Character(character.lowercased()) : character))
            case .any: try append(.any)
            case .characterClass(let set): try append(.set(set))
            case .startAnchor: try append(.assertStart)
            case .endAnchor: try append(.assertEnd)
            case .concatenation(let items): for item in items { try emit(item) }
            case .alternation(let branches): try emitAlternation(branches)
            case .repetition(let inner, let minimum, let maximum): try emitRepetition(inner, minimum: minimum, maximum: maximum)
            }
        }

        private mutating func emitAlternation(_ branches: [RegexNode]) throws(RegexSyntaxError) {
            var exits: [Int] = []
            for (offset, branch) in branches.enumerated() {
                if offset < branches.count - 1 {
                    let split = program.count
                    try append(.split(split + 1, -1))
                    try emit(branch)
                    exits.append(program.count)
                    try append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for exit in exits { program[exit] = .jump(program.count) }
        }

        private mutating func emitRepetition(_ inner: RegexNode, minimum: Int, maximum: Int?) throws(RegexSyntaxError) {
            for _ in 0..<minimum { try emit(inner) }
            guard let maximum else {
                let loop = program.count
                try append(.split(loop + 1, -1))
                try emit(inner)
                try append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
                return
            }
            var splits: [Int] = []
            for _ in minimum..<maximum {
                splits.append(program.count)
                try append(.split(program.count + 1, -1))
                try emit(inner)
            }
            for split in splits { program[split] = .split(split + 1, program.count) }
        }
    }
}
