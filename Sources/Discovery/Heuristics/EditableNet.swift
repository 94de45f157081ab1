/// A small Petri net that supports removing nodes, used while converting heuristics nets (PM4Py builds
/// the net and then applies reductions that delete silent transitions and places).
struct EditableNet {
    private(set) var isPlace: [Bool] = []
    private(set) var ids: [String] = []
    private(set) var labels: [String?] = []
    private(set) var alive: [Bool] = []
    private(set) var outputs: [[Int]] = []
    private(set) var inputs: [[Int]] = []

    mutating func addPlace(_ id: String) -> Int { add(id, label: nil, place: true) }
    mutating func addTransition(_ id: String, label: String?) -> Int { add(id, label: label, place: false) }

    private mutating func add(_ id: String, label: String?, place: Bool) -> Int {
        isPlace.append(place)
        ids.append(id)
        labels.append(label)
        alive.append(true)
        outputs.append([])
        inputs.append([])
        return ids.count - 1
    }

    mutating func addArc(_ source: Int, _ target: Int) {
        guard !outputs[source].contains(target) else { return }
        outputs[source].append(target)
        inputs[target].append(source)
    }

    mutating func remove(_ node: Int) {
        alive[node] = false
        for target in outputs[node] { inputs[target].removeAll { $0 == node } }
        for source in inputs[node] { outputs[source].removeAll { $0 == node } }
        outputs[node] = []
        inputs[node] = []
    }

    /// Live silent transitions in creation order.
    var silentTransitions: [Int] {
        ids.indices.filter { alive[$0] && !isPlace[$0] && labels[$0] == nil }
    }

    /// The live nodes as a ``PetriNet``; `marked` and `final` name places by node index.
    func petriNet(name: String, initial: [Int: Int], final: [Int: Int]) -> PetriNet {
        var net = PetriNet(name: name)
        var index = Array(repeating: -1, count: ids.count)
        for node in ids.indices where alive[node] && isPlace[node] { index[node] = net.addPlace(id: ids[node]) }
        for node in ids.indices where alive[node] && !isPlace[node] {
            index[node] = net.addTransition(id: ids[node], label: labels[node], name: ids[node])
        }
        for node in ids.indices where alive[node] {
            for target in outputs[node] {
                if isPlace[node] {
                    net.addArc(from: .place(index[node]), to: .transition(index[target]))
                } else {
                    net.addArc(from: .transition(index[node]), to: .place(index[target]))
                }
            }
        }
        for (place, tokens) in initial where alive[place] { net.initialMarking[index[place]] = tokens }
        for (place, tokens) in final where alive[place] { net.finalMarking[index[place]] = tokens }
        return net
    }
}
