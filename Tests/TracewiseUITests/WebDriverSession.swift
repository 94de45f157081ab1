import Foundation
import TracewiseHTTP

/// A minimal W3C WebDriver client for driving headless Chromium through Debian's `chromedriver`.
///
/// Only what the workspace tests need: navigate, find, click, type, read text, run a script, take a
/// screenshot. Every call is plain JSON over HTTP on loopback, so the tests need no browser library.
struct WebDriverSession: Sendable {
    /// A WebDriver command that the driver answered with an error.
    struct Failure: Error, CustomStringConvertible {
        var command: String
        var status: Int
        var message: String
        var description: String { "WebDriver \(command) failed (\(status)): \(message)" }
    }

    /// The W3C key for element references in WebDriver JSON.
    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    let driverURL: URL
    let sessionID: String

    /// Starts a headless Chromium session of the given window size.
    static func start(driver: URL, binary: String, width: Int, height: Int) async throws -> WebDriverSession {
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": binary,
                        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                 "--window-size=\(width),\(height)", "--force-device-scale-factor=1",
                                 "--lang=en-US", "--no-first-run", "--disable-extensions"],
                    ],
                ],
            ],
        ]
        let value = try await call(driver.appendingPathComponent("session"), method: "POST", body: capabilities,
                                   command: "new session")
        guard let object = value as? [String: Any], let id = object["sessionId"] as? String else {
            throw Failure(command: "new session", status: 0, message: "no session id in \(String(describing: value))")
        }
        return WebDriverSession(driverURL: driver, sessionID: id)
    }

    private var base: URL { driverURL.appendingPathComponent("session").appendingPathComponent(sessionID) }

    func quit() async {
        _ = try? await Self.call(base, method: "DELETE", body: nil, command: "delete session")
    }

    func navigate(to url: String) async throws {
        _ = try await Self.call(base.appendingPathComponent("url"), method: "POST", body: ["url": url],
                                command: "navigate")
    }

    /// Runs `script` (a function body; `arguments` holds the arguments) in the page and returns its result.
    @discardableResult
    func execute(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await Self.call(base.appendingPathComponent("execute/sync"), method: "POST",
                            body: ["script": script, "args": arguments], command: "execute")
    }

    /// The element matching a CSS selector, or nil.
    func element(_ selector: String) async throws -> String? {
        do {
            let value = try await Self.call(base.appendingPathComponent("element"), method: "POST",
                                            body: ["using": "css selector", "value": selector], command: "find \(selector)")
            return (value as? [String: Any])?[Self.elementKey] as? String
        } catch let failure as Failure where failure.status == 404 {
            return nil
        }
    }

    /// Waits until `selector` matches an element, polling every 100 ms, and returns it.
    func waitFor(_ selector: String, timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let element = try await element(selector) { return element }
            try await Task.sleep(for: .milliseconds(100))
        }
        let body = (try? await execute("return document.body ? document.body.innerText.slice(0, 2000) : ''")) as? String
        throw Failure(command: "wait for \(selector)", status: 0, message: "timed out; page text: \(body ?? "")")
    }

    /// Waits until the script returns a truthy value.
    func waitUntil(_ description: String, timeout: Duration = .seconds(60), _ script: String) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = try await execute(script), Self.truthy(value) { return }
            try await Task.sleep(for: .milliseconds(150))
        }
        let body = (try? await execute("return document.body ? document.body.innerText.slice(0, 2000) : ''")) as? String
        throw Failure(command: "wait until \(description)", status: 0, message: "timed out; page text: \(body ?? "")")
    }

    func click(_ selector: String) async throws {
        let element = try await waitFor(selector)
        _ = try await Self.call(base.appendingPathComponent("element/\(element)/click"), method: "POST",
                                body: [String: Any](), command: "click \(selector)")
    }

    func type(_ text: String, into selector: String) async throws {
        let element = try await waitFor(selector)
        _ = try await Self.call(base.appendingPathComponent("element/\(element)/clear"), method: "POST",
                                body: [String: Any](), command: "clear \(selector)")
        _ = try await Self.call(base.appendingPathComponent("element/\(element)/value"), method: "POST",
                                body: ["text": text], command: "type into \(selector)")
    }

    /// Sends key presses to the focused element (WebDriver key codes, e.g. "\u{E004}" for Tab).
    func pressKeys(_ keys: String) async throws {
        let actions: [[String: Any]] = keys.unicodeScalars.flatMap { scalar -> [[String: Any]] in
            [["type": "keyDown", "value": String(scalar)], ["type": "keyUp", "value": String(scalar)]]
        }
        _ = try await Self.call(base.appendingPathComponent("actions"), method: "POST",
                                body: ["actions": [["type": "key", "id": "keyboard", "actions": actions]]],
                                command: "keys")
    }

    /// Sets a file input's path (chromedriver uploads the local file).
    func upload(_ path: String, into selector: String) async throws {
        let element = try await waitFor(selector)
        _ = try await Self.call(base.appendingPathComponent("element/\(element)/value"), method: "POST",
                                body: ["text": path], command: "upload into \(selector)")
    }

    func text(_ selector: String) async throws -> String {
        let element = try await waitFor(selector)
        let value = try await Self.call(base.appendingPathComponent("element/\(element)/text"), method: "GET",
                                        body: nil, command: "text of \(selector)")
        return value as? String ?? ""
    }

    /// A PNG screenshot of the viewport.
    func screenshot() async throws -> Data {
        let value = try await Self.call(base.appendingPathComponent("screenshot"), method: "GET", body: nil,
                                        command: "screenshot")
        guard let encoded = value as? String, let data = Data(base64Encoded: encoded) else {
            throw Failure(command: "screenshot", status: 0, message: "no PNG in the reply")
        }
        return data
    }

    func setWindowSize(width: Int, height: Int) async throws {
        _ = try await Self.call(base.appendingPathComponent("window/rect"), method: "POST",
                                body: ["width": width, "height": height], command: "window size")
    }

    private static func truthy(_ value: Any) -> Bool {
        switch value {
        case let flag as Bool: return flag
        case let number as NSNumber: return number.intValue != 0
        case let text as String: return !text.isEmpty
        case is NSNull: return false
        default: return true
        }
    }

    private static func call(_ url: URL, method: String, body: Any?, command: String) async throws -> Any? {
        var headers = HTTPFields(["accept": "application/json"])
        var bytes: [UInt8]?
        if let body {
            bytes = Array(try JSONSerialization.data(withJSONObject: body))
            headers.set("content-type", "application/json")
        }
        let request = HTTPRequest(method: HTTPRequest.Method(rawValue: method) ?? .get, url: url.absoluteString, headers: headers,
                                  body: bytes, headTimeout: .seconds(120))
        let response = try await HTTPTransport.shared.send(request, deadline: ContinuousClock.now + .seconds(180))
        let data = Data(try await response.collect(upTo: 64 << 20))
        let status = response.status
        let json = data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        let value = (json as? [String: Any])?["value"]
        guard (200..<300).contains(status) else {
            let message = ((value as? [String: Any])?["message"] as? String) ?? String(decoding: data.prefix(500), as: UTF8.self)
            throw Failure(command: command, status: status, message: message)
        }
        return value is NSNull ? nil : value
    }

    /// Whether chromedriver answers its status endpoint as ready.
    static func isReady(_ driver: URL) async -> Bool {
        let status = try? await call(driver.appendingPathComponent("status"), method: "GET", body: nil, command: "status")
        return ((status as? [String: Any])?["ready"] as? Bool) == true
    }
}
