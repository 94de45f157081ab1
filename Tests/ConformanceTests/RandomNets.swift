import Discovery

/// Random block-structured Petri nets (sequence, choice, parallel and loop blocks over a small alphabet,
/// with silent and duplicate labels) and random traces, for property tests.
struct RandomNets {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
    }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    static let alphabet = ["a", "b", "c", "d"]

    mutating func net(depth: Int = 3) -> PetriNet {
        var net = PetriNet(name: "random")
        let source = net.addPlace(id: "source"), sink = net.addPlace(id: "sink")
        block(&net, from: source, to: sink, depth: depth)
        net.initialMarking = [source: 1]
        net.finalMarking = [sink: 1]
        return net
    }

    mutating func trace() -> [String] {
        (0..<next(7)).map { _ in next(10) == 0 ? "x" : Self.alphabet[next(Self.alphabet.count)] }
    }

    private mutating func block(_ net: inout PetriNet, from input: Int, to output: Int, depth: Int) {
        let kind = depth == 0 ? 0 : next(5)
        switch kind {
        case 1:
            let middle = net.addPlace(id: "p\(net.places.count)")
            block(&net, from: input, to: middle, depth: depth - 1)
            block(&net, from: middle, to: output, depth: depth - 1)
        case 2:
            block(&net, from: input, to: output, depth: depth - 1)
            block(&net, from: input, to: output, depth: depth - 1)
        case 3:
            let split = transition(&net, silent: true), join = transition(&net, silent: true)
            net.addArc(from: .place(input), to: .transition(split))
            net.addArc(from: .transition(join), to: .place(output))
            for _ in 0..<2 {
                let a = net.addPlace(id: "p\(net.places.count)"), b = net.addPlace(id: "p\(net.places.count)")
                net.addArc(from: .transition(split), to: .place(a))
                net.addArc(from: .place(b), to: .transition(join))
                block(&net, from: a, to: b, depth: depth - 1)
            }
        case 4:
            let loopStart = net.addPlace(id: "p\(net.places.count)"), loopEnd = net.addPlace(id: "p\(net.places.count)")
            let enter = transition(&net, silent: true), leave = transition(&net, silent: true)
            net.addArc(from: .place(input), to: .transition(enter))
            net.addArc(from: .transition(enter), to: .place(loopStart))
            net.addArc(from: .place(loopEnd), to: .transition(leave))
            net.addArc(from: .transition(leave), to: .place(output))
            block(&net, from: loopStart, to: loopEnd, depth: depth - 1)
            block(&net, from: loopEnd, to: loopStart, depth: 0)
        default:
            let t = transition(&net, silent: next(4) == 0)
            net.addArc(from: .place(input), to: .transition(t))
            net.addArc(from: .transition(t), to: .place(output))
        }
    }

    private mutating func transition(_ net: inout PetriNet, silent: Bool) -> Int {
        let label = silent ? nil : Self.alphabet[next(Self.alphabet.count)]
        return net.addTransition(id: "t\(net.transitions.count)", label: label)
    }
}
