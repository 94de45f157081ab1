import Foundation
import TracewiseHTTP
import XCTest

/// Drives the web workspace in headless Chromium against a live `tracewise-server`, as a person would:
/// sign in with the printed demo key, upload a generated log, watch the analysis, move the map's sliders,
/// page the variants, ask why the bottleneck waits, read a role's narrative, check provenance, filter the
/// analysis by two regions with another miner (re-run, KPIs and provenance of the filtered cases) and approve
/// an exception — asserting what is on screen at each step, checking each page's accessibility, and saving
/// screenshots under `.build/ui-screenshots/`.
final class WorkspaceFlowTests: XCTestCase {
    private var harness: BrowserHarness!
    private var browser: WebDriverSession!
    private var shot = 0

    override func setUp() async throws {
        harness = try await BrowserHarness()
        browser = try await WebDriverSession.start(driver: harness.driverURL, binary: harness.chromium, width: 1280, height: 800)
    }

    override func tearDown() async throws {
        await browser?.quit()
        harness?.stop()
    }

    private func screenshot(_ name: String) async throws {
        shot += 1
        let file = harness.screenshots.appendingPathComponent(String(format: "%02d-%@.png", shot, name))
        try await browser.screenshot().write(to: file)
    }

    private func audit(_ page: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        let problems = try await browser.execute(AccessibilityAudit.script) as? [String] ?? ["the audit did not run"]
        XCTAssertEqual(problems, [], "accessibility problems on \(page)", file: file, line: line)
    }

    private func text(_ selector: String) async throws -> String { try await browser.text(selector) }

    /// A generated order-to-cash log with its known bottleneck (region South waits before Ship Goods).
    private func generatedLog() throws -> URL {
        guard let tracewise = BrowserHarness.builtExecutable("tracewise") else { throw XCTSkip("the tracewise binary was not built") }
        let url = harness.dataDirectory.appendingPathComponent("orders.xes.gz")
        let process = Process()
        process.executableURL = tracewise
        process.arguments = ["generate", "--events", "8000", "--seed", "11", url.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return url
    }

    /// Submits the finance sample's exceptions to the demo tenant through the API, as a source system would,
    /// so the approval queue has requests waiting.
    private func submitSampleExceptions() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sample = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("Examples/Packs/finance/exceptions.json"))) as? [[String: Any]] ?? []
        let exceptions = sample.prefix(8).map { raw -> [String: Any] in
            var copy = raw
            copy["tenantId"] = "demo"
            return copy
        }
        let request = HTTPRequest(method: .post, url: harness.serverURL + "/exceptions/demo?domain=finance",
                                  headers: HTTPFields(["authorization": "Bearer \(harness.apiKey)", "content-type": "application/json"]),
                                  body: Array(try JSONSerialization.data(withJSONObject: exceptions)))
        let response = try await HTTPTransport.shared.send(request, deadline: ContinuousClock.now + .seconds(60))
        _ = try await response.collect(upTo: 1 << 20)
        XCTAssertEqual(response.status, 202)
    }

    func testTheWholeWorkspaceFlow() async throws {
        let log = try generatedLog()
        try await submitSampleExceptions()
        try await browser.navigate(to: harness.serverURL + "/")
        _ = try await browser.waitFor("#api-key")
        try await audit("sign-in")
        try await screenshot("sign-in")

        try await browser.type("wrong-key", into: "#api-key")
        try await browser.click("#sign-in")
        _ = try await browser.waitFor(".state-error")
        let value1 = try await text(".state-error").contains("not accepted")
        XCTAssertTrue(value1)

        try await browser.type(harness.apiKey, into: "#api-key")
        try await browser.click("#sign-in")
        _ = try await browser.waitFor("#upload-start")
        let value2 = try await text("[data-testid=tenant]")
        XCTAssertEqual(value2, "demo")
        try await audit("onboarding")
        try await screenshot("onboarding")

        // Onboarding: upload the generated log and watch the analysis run to the explorer.
        try await browser.upload(log.path, into: "#log-file")
        try await browser.click("#upload-start")
        try await browser.waitUntil("the explorer opens", timeout: .seconds(240),
                                    "return location.hash.startsWith('#/analyses/') && !!document.querySelector('[data-testid=map] svg')")
        let cases = try await text("[data-kpi=cases] dd")
        XCTAssertFalse(cases.isEmpty)
        XCTAssertNotEqual(cases, "—")
        let value3 = try await text("[data-kpi=median] dd").range(of: #"\d+ (d|h|min|s)"#, options: .regularExpression) != nil
        XCTAssertTrue(value3,
                      "durations are shown in d/h/min")
        let variantRows = try await browser.execute("return document.querySelectorAll('[data-testid=variants] tbody tr').length") as? Int ?? 0
        XCTAssertGreaterThan(variantRows, 0)
        let crumb = try await text(".breadcrumbs")
        XCTAssertTrue(crumb.contains("orders.xes.gz"), "the breadcrumb names the log as uploaded: \(crumb)")
        let legend = try await text("[data-testid=map] svg text")
        XCTAssertTrue(legend.contains("14 of 14 activities"), legend)
        try await audit("explorer")
        try await screenshot("explorer")

        // The activity slider, moved with the keyboard, simplifies the map on the server.
        try await browser.execute("document.getElementById('slider-activities').focus()")
        try await browser.pressKeys(String(repeating: "\u{E012}", count: 50))
        try await browser.waitUntil("the map has fewer activities", timeout: .seconds(30),
                                    "const t = document.querySelector('[data-testid=map] svg text'); return t && !t.textContent.includes('14 of 14 activities')")
        let value4 = try await browser.execute("return document.getElementById('slider-activities').value") as? String
        XCTAssertEqual(value4, "50")
        try await screenshot("explorer-sliders")
        try await browser.click("#map-as-table")
        _ = try await browser.waitFor("[data-testid=map-table] table")
        try await browser.click("#variants-next")
        try await browser.waitUntil("the second variant page", "return document.querySelector('[data-testid=variants] tbody td')?.textContent === '26'")

        // Why this bottleneck?
        try await browser.click("[data-tab=why]")
        _ = try await browser.waitFor("#bottleneck-activity")
        try await browser.execute("const s = document.getElementById('bottleneck-activity'); s.value = 'Ship Goods'; s.dispatchEvent(new Event('change'));")
        try await browser.waitUntil("the drivers of waiting before Ship Goods", timeout: .seconds(120),
                                    "return document.querySelector('#drivers-title')?.textContent.includes('Ship Goods') && !!document.querySelector('[data-driver]')")
        let topDriver = try await browser.execute("return document.querySelector('[data-driver]').dataset.driver") as? String
        XCTAssertEqual(topDriver, "region=South", "the injected bottleneck is found")
        let value5 = try await browser.execute("return document.querySelectorAll('[data-testid=example-cases] tbody tr').length") as? Int ?? 0
        XCTAssertGreaterThan(value5, 0)
        try await audit("why")
        try await screenshot("why-bottleneck")

        // A role dashboard.
        try await browser.click("[data-tab=dashboards]")
        _ = try await browser.waitFor("[data-role=cfo]")
        try await browser.click("[data-role=cfo]")
        try await browser.waitUntil("the CFO narrative", "return location.hash.endsWith('/cfo') && document.querySelector('[data-testid=narrative] p')?.textContent.length > 40")
        let narrative = try await text("[data-testid=narrative]")
        XCTAssertTrue(narrative.range(of: #"\d"#, options: .regularExpression) != nil, narrative)
        try await audit("dashboards")
        try await screenshot("dashboard-cfo")

        // Provenance.
        try await browser.click("[data-tab=provenance]")
        _ = try await browser.waitFor("[data-testid=fingerprint]")
        let value6 = try await text("[data-testid=fingerprint]").hasPrefix("sha256:")
        XCTAssertTrue(value6)
        try await audit("provenance")
        try await screenshot("provenance")

        // Filters: keep the cases of two regions; the analysis re-runs on them, and provenance records the filter.
        try await browser.click("[data-tab=explorer]")
        _ = try await browser.waitFor("#filters summary")
        try await browser.click("#filters summary")
        _ = try await browser.waitFor("#filter-attribute")
        let firstDay = try await browser.execute("return document.getElementById('filter-from').value") as? String ?? ""
        XCTAssertNotNil(firstDay.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression), "the range starts at the log's first day: \(firstDay)")
        try await browser.execute("""
            const s = document.getElementById('filter-attribute');
            s.value = [...s.options].find((o) => o.textContent.startsWith('region ')).value;
            s.dispatchEvent(new Event('change'));
            """)
        _ = try await browser.waitFor("#filter-values input[value=South]")
        try await browser.click("#filter-values input[value=South]")
        try await browser.click("#filter-values input[value=East]")
        try await browser.execute("document.getElementById('option-miner').value = 'heuristics'")
        let targets = try await browser.execute("return [...document.getElementById('option-target').options].map((o) => o.value)") as? [String] ?? []
        XCTAssertTrue(targets.contains("waiting:Ship Goods"), "the drivers can explain the waiting before an activity: \(targets)")
        let expectedCases = try await browser.execute(
            "return [...document.querySelectorAll('#filter-values input:checked')].reduce((sum, box) => sum + Number(box.dataset.cases), 0)") as? Int ?? 0
        XCTAssertGreaterThan(expectedCases, 0)
        let unfiltered = try await browser.execute("return location.hash") as? String ?? ""
        try await audit("explorer-filters")
        try await screenshot("explorer-filters")
        try await browser.execute("document.getElementById('filters-apply').scrollIntoView({block: 'end'})")
        try await screenshot("explorer-options")
        try await browser.click("#filters-apply")
        try await browser.waitUntil("the filtered analysis opens", timeout: .seconds(240),
                                    "return location.hash !== '\(unfiltered)' && location.hash.startsWith('#/analyses/') && !!document.querySelector('[data-testid=map] svg')")
        let filteredCases = try await text("[data-kpi=cases] dd")
        XCTAssertEqual(Int(filteredCases.replacingOccurrences(of: ",", with: "")), expectedCases, "the KPIs are those of the two regions' cases")
        let activeFilters = try await text("[data-testid=active-filters]")
        XCTAssertTrue(activeFilters.contains("region in") && activeFilters.contains("South") && activeFilters.contains("East"), activeFilters)
        try await screenshot("explorer-filtered")
        try await browser.click("[data-tab=provenance]")
        _ = try await browser.waitFor("[data-testid=provenance-steps] li")
        let steps = try await text("[data-testid=provenance-steps]")
        XCTAssertTrue(steps.contains("Kept cases whose region is East or South"), steps)
        XCTAssertTrue(steps.contains("filterAttribute(") && steps.contains("values: East,South"), "the step as recorded, to reproduce it: \(steps)")
        let minerUsed = try await text("[data-option=Miner]")
        XCTAssertEqual(minerUsed, "heuristics", "the re-run used the miner picked in the card")
        try await audit("provenance-filtered")
        try await screenshot("provenance-filtered")

        // Approvals: approve one pending request.
        try await browser.navigate(to: harness.serverURL + "/#/approvals")
        _ = try await browser.waitFor("[data-decision=approve]")
        let approvalID = try await browser.execute("return document.querySelector('[data-approval]').dataset.approval") as? String
        try await audit("approvals")
        try await screenshot("approvals")
        try await browser.click("[data-approval] [data-decision=approve]")
        try await browser.waitUntil("the approval shows approved",
                                    "return document.querySelector('[data-approval=\"\(approvalID ?? "")\"] [data-testid=approval-status]')?.textContent === 'approved'")
        try await screenshot("approved")

        // Exceptions list and one exception's timeline.
        try await browser.navigate(to: harness.serverURL + "/#/exceptions")
        _ = try await browser.waitFor("[data-testid=exceptions] tbody a")
        try await audit("exceptions")
        try await screenshot("exceptions")
        try await browser.click("[data-testid=exceptions] tbody a")
        _ = try await browser.waitFor("[data-testid=timeline] li")
        try await audit("exception")
        try await screenshot("exception-detail")

        // The explorer at 1920×1080.
        try await browser.setWindowSize(width: 1920, height: 1080)
        try await browser.navigate(to: harness.serverURL + "/#/")
        _ = try await browser.waitFor("#upload-start")
        try await screenshot("home-1920")
    }
}
