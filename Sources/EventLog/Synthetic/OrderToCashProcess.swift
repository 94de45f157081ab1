/// The simulation behind ``SyntheticLog``: plays cases one by one and appends them to dense columns.
struct OrderToCashProcess {
    static let activityNames = [
        "Create Order", "Check Credit", "Request Customer Data", "Cancel Order", "Approve Order",
        "Pick Goods", "Pack Goods", "Ship Goods", "Prepare Invoice", "Send Invoice", "Send Reminder",
        "Receive Payment", "Handle Complaint", "Close Order",
    ]
    private enum A: Int32 {
        case createOrder, checkCredit, requestData, cancelOrder, approveOrder, pickGoods, packGoods, shipGoods,
             prepareInvoice, sendInvoice, sendReminder, receivePayment, handleComplaint, closeOrder
    }
    private static let resourceNames: [String] =
        (1...6).map { "sales-\($0)" } + (1...5).map { "finance-\($0)" } + (1...8).map { "warehouse-\($0)" }
        + (1...3).map { "service-\($0)" }
    private static let sales = 0 ..< 6, finance = 6 ..< 11, warehouse = 11 ..< 19, service = 19 ..< 22

    private var random: SplitMix64
    private var activities: [Int32] = []
    private var timestamps: [Int64] = []
    private var resources: [Int32] = []
    private var caseOffsets: [Int] = [0]
    private var regions: [Int32] = []
    private var segments: [Int32] = []
    private var orderValues: [Double] = []
    private var express: [Int8] = []
    private var clock: Int64 = 1_704_067_200_000_000  // 2024-01-01T00:00:00Z
    private let meanInterarrival: Double
    private var scratch: [(time: Int64, activity: Int32, resource: Int32)] = []

    init(seed: UInt64, expectedCases: Int) {
        random = SplitMix64(seed: seed)
        // Spread the cases over about a year.
        meanInterarrival = 365 * 86_400 / Double(expectedCases)
        activities.reserveCapacity(expectedCases * 13)
        timestamps.reserveCapacity(expectedCases * 13)
        resources.reserveCapacity(expectedCases * 13)
    }

    var eventCount: Int { activities.count }

    mutating func addCase() {
        clock += micros(random.exponential(mean: meanInterarrival))
        let region = Int32(random.below(4))
        let segment = Int32(random.below(3))
        let value = (random.exponential(mean: segment == 2 ? 20_000 : segment == 1 ? 5_000 : 800) * 100).rounded() / 100
        let isExpress = random.chance(0.2)
        regions.append(region)
        segments.append(segment)
        orderValues.append(value)
        express.append(isExpress ? 1 : 0)
        scratch.removeAll(keepingCapacity: true)
        playCase(start: clock, southern: SyntheticLog.Scenario.regions[Int(region)] == SyntheticLog.Scenario.bottleneck.value,
                 largeOrder: value > 10_000)
        scratch.sort { $0.time != $1.time ? $0.time < $1.time : $0.activity < $1.activity }
        for event in scratch {
            activities.append(event.activity)
            timestamps.append(event.time)
            resources.append(event.resource)
        }
        caseOffsets.append(activities.count)
    }

    private mutating func playCase(start: Int64, southern: Bool, largeOrder: Bool) {
        var t = start
        emit(.createOrder, at: t, pool: Self.sales)
        t = wait(t, hours: 2)
        emit(.checkCredit, at: t, pool: Self.finance)
        var rework = 0
        while rework < 2, random.chance(largeOrder ? 0.3 : 0.1) {
            t = wait(t, hours: 24)
            emit(.requestData, at: t, pool: Self.sales)
            t = wait(t, hours: 8)
            emit(.checkCredit, at: t, pool: Self.finance)
            rework += 1
        }
        if random.chance(0.04) {
            t = wait(t, hours: 6)
            emit(.cancelOrder, at: t, pool: Self.sales)
            return
        }
        t = wait(t, hours: 4)
        emit(.approveOrder, at: t, pool: Self.sales)
        let shipped = playShipping(after: t, southern: southern)
        let paid = playInvoicing(after: t)
        t = wait(max(shipped, paid), hours: 12)
        emit(.closeOrder, at: t, pool: Self.sales)
    }

    /// Pick → Pack → Ship (the bottleneck's activity), sometimes a complaint and a second shipment.
    private mutating func playShipping(after start: Int64, southern: Bool) -> Int64 {
        var t = wait(start, hours: 3)
        emit(.pickGoods, at: t, pool: Self.warehouse)
        t = wait(t, hours: 1)
        emit(.packGoods, at: t, pool: Self.warehouse)
        let bottleneck = SyntheticLog.Scenario.bottleneck
        t = wait(t, hours: bottleneck.meanNormalWaitSeconds / 3600)
        if southern { t += micros(random.exponential(mean: bottleneck.meanExtraWaitSeconds)) }
        emit(.shipGoods, at: t, pool: Self.warehouse)
        if random.chance(0.05) {
            t = wait(t, hours: 48)
            emit(.handleComplaint, at: t, pool: Self.service)
            t = wait(t, hours: 24)
            emit(.shipGoods, at: t, pool: Self.warehouse)
        }
        return t
    }

    /// Prepare → Send invoice → reminders → payment.
    private mutating func playInvoicing(after start: Int64) -> Int64 {
        var t = wait(start, hours: 2)
        emit(.prepareInvoice, at: t, pool: Self.finance)
        t = wait(t, hours: 1)
        emit(.sendInvoice, at: t, pool: Self.finance)
        var reminders = 0
        while reminders < 3, random.chance(0.15) {
            t = wait(t, hours: 24 * 14)
            emit(.sendReminder, at: t, pool: Self.finance)
            reminders += 1
        }
        t = wait(t, hours: 24 * 7)
        emit(.receivePayment, at: t, pool: Self.finance)
        return t
    }

    private mutating func wait(_ t: Int64, hours: Double) -> Int64 {
        t + max(1_000_000, micros(random.exponential(mean: hours * 3600)))
    }

    private func micros(_ seconds: Double) -> Int64 {
        Int64(seconds * 1_000_000)
    }

    private mutating func emit(_ activity: A, at time: Int64, pool: Range<Int>) {
        let resource = Int32(pool.lowerBound + random.below(pool.count))
        scratch.append((time, activity.rawValue, resource))
    }

    func build(location: String) -> EventLog {
        let caseCount = caseOffsets.count - 1
        let events = AttributeTable(rowCount: activities.count, columns: [
            AttributeColumn(key: "concept:name", storage: .string(codes: activities, pool: SymbolTable(Self.activityNames))),
            AttributeColumn(key: "time:timestamp", storage: .date(
                values: timestamps, offsets: [Int16](repeating: 0, count: timestamps.count))),
            AttributeColumn(key: "org:resource", storage: .string(codes: resources, pool: SymbolTable(Self.resourceNames))),
        ])
        var caseIDs = SymbolTable()
        let caseCodes = (0..<caseCount).map { caseIDs.intern("order-\($0 + 1)") }
        let traces = AttributeTable(rowCount: caseCount, columns: [
            AttributeColumn(key: "concept:name", storage: .string(codes: caseCodes, pool: caseIDs)),
            AttributeColumn(key: "region", storage: .string(codes: regions, pool: SymbolTable(SyntheticLog.Scenario.regions))),
            AttributeColumn(key: "segment", storage: .string(codes: segments, pool: SymbolTable(SyntheticLog.Scenario.segments))),
            AttributeColumn(key: "orderValue", storage: .float(values: orderValues, present: [Bool](repeating: true, count: caseCount))),
            AttributeColumn(key: "express", storage: .boolean(express)),
        ])
        return EventLog(caseOffsets: caseOffsets, eventAttributes: events, traceAttributes: traces,
                        provenance: Provenance(source: .init(location: location, format: "generator")))
    }
}
