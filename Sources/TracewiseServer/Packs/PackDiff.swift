import Packs

/// The differences between two versions of a pack document, as JSON pointers: what was added, removed or
/// changed (objects by key, arrays by index), so an admin sees what an activation would change.
struct PackDiff: Codable, Sendable {
    struct Change: Codable, Sendable {
        var op: String
        var pointer: String
        var from: PackValue?
        var to: PackValue?
    }

    var changes: [Change] = []

    init(from old: PackValue, to new: PackValue) {
        walk(old, new, at: .root)
    }

    private mutating func walk(_ old: PackValue, _ new: PackValue, at pointer: JSONPointer) {
        switch (old, new) {
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                switch (a[key], b[key]) {
                case (let x?, let y?): walk(x, y, at: pointer.appending(key))
                case (let x?, nil): changes.append(Change(op: "removed", pointer: pointer.appending(key).description, from: x, to: nil))
                case (nil, let y?): changes.append(Change(op: "added", pointer: pointer.appending(key).description, from: nil, to: y))
                case (nil, nil): break
                }
            }
        case (.array(let a), .array(let b)):
            for index in 0..<max(a.count, b.count) {
                if index < a.count, index < b.count {
                    walk(a[index], b[index], at: pointer.appending(index))
                } else if index < a.count {
                    changes.append(Change(op: "removed", pointer: pointer.appending(index).description, from: a[index], to: nil))
                } else {
                    changes.append(Change(op: "added", pointer: pointer.appending(index).description, from: nil, to: b[index]))
                }
            }
        default:
            if old != new { changes.append(Change(op: "changed", pointer: pointer.description, from: old, to: new)) }
        }
    }
}
