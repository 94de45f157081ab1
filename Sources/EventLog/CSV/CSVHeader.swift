/// The column names of a CSV header, made unique and non-empty the way pandas does it: an empty name
/// becomes `Unnamed: <index>`, a repeated name gets `.1`, `.2`, ... appended.
struct CSVHeader {
    let names: [String]

    init(names raw: [String]) {
        var seen: [String: Int] = [:]
        var names: [String] = []
        for (index, rawName) in raw.enumerated() {
            var name = rawName.isEmpty ? "Unnamed: \(index)" : rawName
            if let n = seen[name] {
                seen[name] = n + 1
                name += ".\(n + 1)"
            } else {
                seen[name] = 0
            }
            names.append(name)
        }
        self.names = names
    }

    func index(of name: String) -> Int? { names.firstIndex(of: name) }
}
