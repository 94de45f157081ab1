import Agents
import ArgumentParser
import EventLog

/// `tracewise approvals …`: the approval requests exception workers recorded in a store, and the human
/// decision that resumes each exception on whichever worker claims it.
struct ApprovalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approvals",
        abstract: "List and decide the approval requests of exceptions run by workers on a store.",
        subcommands: [ApprovalsListCommand.self, ApprovalsDecideCommand.self])
}

/// One approval request as the CLI prints it: times in ISO 8601 UTC, without the exception's full outcome.
struct ApprovalItem: Encodable {
    var approvalRequestID: String
    var exceptionID: String
    var playbookID: String?
    var reason: String
    var status: ApprovalRequest.Status
    var requestedAt: String
    var deadline: String
    var decidedBy: String?
    var decidedAt: String?
    var comment: String?
    /// The resume job queued by `approvals decide`.
    var resumeJob: Int64?

    init(_ request: ApprovalRequest, resumeJob: Int64? = nil) {
        func iso(_ microseconds: Int64) -> String { ISO8601Formatting.format(Timestamp(microseconds: microseconds, utcOffsetMinutes: 0)) }
        approvalRequestID = request.id
        exceptionID = request.exceptionID
        playbookID = request.playbookID
        reason = request.reason
        status = request.status
        requestedAt = iso(request.requestedAtMicroseconds)
        deadline = iso(request.deadlineMicroseconds)
        decidedBy = request.decidedBy
        decidedAt = request.decidedAtMicroseconds.map(iso)
        comment = request.comment
        self.resumeJob = resumeJob
    }

    private enum CodingKeys: String, CodingKey {
        case approvalRequestID = "approvalRequestId", exceptionID = "exceptionId", playbookID = "playbookId", reason, status,
             requestedAt, deadline, decidedBy, decidedAt, comment, resumeJob
    }
}

/// `tracewise approvals list --store STORE --tenant T [--pending] --format json` → a JSON array of requests.
struct ApprovalsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a tenant's approval requests in a store, in their latest state, oldest first.")

    @Option(help: ArgumentHelp("The store: sqlite:PATH or a postgres:// URL.", valueName: "store"))
    var store: StoreLocation

    @Option(help: "The tenant whose requests to list.")
    var tenant: String

    @Flag(help: "Only requests still waiting for a decision.")
    var pending = false

    @OptionGroup var output: FormatOptions

    func run() async throws {
        let opened = try await store.open()
        defer { opened.close() }
        let queue = ApprovalQueue(store: opened.work)
        let requests = pending ? try await queue.pending(tenantID: tenant) : try await queue.requests(tenantID: tenant)
        let items = requests.map { ApprovalItem($0) }
        switch output.format {
        case .json: try JSONOutput.print(items)
        case .text:
            for item in items {
                print("\(item.approvalRequestID)  \(item.exceptionID)  \(item.status.rawValue)  \(item.reason)")
            }
        }
    }
}

/// `tracewise approvals decide ID --store STORE --tenant T (--approve | --reject) --by USER [--comment C]`:
/// records the decision and queues the job that resumes the exception (approved: from Resolution; rejected:
/// to Feedback) on whichever `tracewise worker` claims it; prints the decided request with `resumeJob`.
struct ApprovalsDecideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Approve or reject a pending approval request; a worker then resumes its exception.")

    @Argument(help: "The approval request's id (see `tracewise approvals list`).")
    var approvalRequestID: String

    @Option(help: ArgumentHelp("The store: sqlite:PATH or a postgres:// URL.", valueName: "store"))
    var store: StoreLocation

    @Option(help: "The tenant the request belongs to.")
    var tenant: String

    @Flag(help: "Approve: the exception's plan runs.")
    var approve = false

    @Flag(help: "Reject: the exception ends as REJECTED.")
    var reject = false

    @Option(help: "Who decides (recorded with the decision and in the audit).")
    var by: String

    @Option(help: "Why, recorded with the decision.")
    var comment: String?

    @OptionGroup var output: FormatOptions

    func validate() throws {
        guard approve != reject else { throw ValidationError("give exactly one of --approve and --reject") }
        guard !by.isEmpty else { throw ValidationError("--by must name who decides") }
    }

    func run() async throws {
        let opened = try await store.open()
        defer { opened.close() }
        let (request, job) = try await opened.work.decideApproval(tenantID: tenant, requestID: approvalRequestID,
                                                                  approve: approve, by: by, comment: comment)
        let item = ApprovalItem(request, resumeJob: job)
        switch output.format {
        case .json: try JSONOutput.print(item)
        case .text: print("\(item.approvalRequestID)  \(item.status.rawValue) by \(by)  → resume job \(job)")
        }
    }
}
