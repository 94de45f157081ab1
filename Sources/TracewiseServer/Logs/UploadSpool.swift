import EventLog
import Foundation
import Hummingbird

/// Receives a log upload: streams the body to a spool file (never holding it in memory), stops at the size
/// limit (413 `log-too-large`), checks a gzip body's inflated size and ratio without inflating it to disk
/// (413 `inflated-too-large` / `inflate-ratio-exceeded`), then parses it with EventLog's readers.
struct UploadSpool {
    let configuration: ServerConfiguration

    /// The parsed log of the upload named `name` (`.xes`, `.xes.gz`, `.csv`, `.csv.gz`).
    func receive(_ body: RequestBody, name: String) async throws -> EventLog {
        guard LogFileFormat(url: URL(fileURLWithPath: name)) != nil else {
            throw ServerError(.unsupportedMediaType, code: "unsupported-log-format",
                              "name must end in .xes, .xes.gz, .csv or .csv.gz")
        }
        let compressed = name.lowercased().hasSuffix(".gz")
        let suffix = compressed ? "." + name.split(separator: ".").suffix(2).joined(separator: ".") : "." + (name.split(separator: ".").last.map(String.init) ?? "")
        let file = configuration.spoolDirectory.appendingPathComponent("tracewise-upload-\(UUID().uuidString)\(suffix.lowercased())")
        defer { try? FileManager.default.removeItem(at: file) }
        let size = try await spool(body, to: file)
        guard size > 0 else { throw ServerError(.badRequest, code: "empty-log", "the upload is empty") }
        if compressed { try checkInflation(file, compressedSize: size) }
        let path = file.path
        let log: EventLog
        do {
            log = try await Task.detached { try EventLog(contentsOf: URL(fileURLWithPath: path)) }.value
        } catch var error as EventLogError {
            error.location.file = name
            throw ServerError(.unprocessableContent, code: "invalid-log", error.description)
        }
        return log
    }

    private func spool(_ body: RequestBody, to file: URL) async throws -> Int {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw ServerError(.internalServerError, code: "spool-failed", "the upload could not be spooled")
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var total = 0
        for try await buffer in body {
            total += buffer.readableBytes
            guard total <= configuration.maxUploadBytes else {
                throw ServerError(.contentTooLarge, code: "log-too-large", "the upload exceeds \(configuration.maxUploadBytes) bytes")
            }
            try handle.write(contentsOf: buffer.readableBytesView)
        }
        return total
    }

    private func checkInflation(_ file: URL, compressedSize: Int) throws {
        let ratioLimit = compressedSize.multipliedReportingOverflow(by: configuration.maxInflateRatio)
        let limit = min(configuration.maxInflatedBytes, ratioLimit.overflow ? Int.max : ratioLimit.partialValue)
        let size: Int?
        do {
            size = try GzipInflatedSize.measure(fileAt: file.path, limit: limit)
        } catch let error as EventLogError {
            throw ServerError(.unprocessableContent, code: "invalid-log", "the upload is not valid gzip: \(error.message)")
        }
        guard size == nil else { return }
        if limit == configuration.maxInflatedBytes {
            throw ServerError(.contentTooLarge, code: "inflated-too-large", "the upload inflates beyond \(configuration.maxInflatedBytes) bytes")
        }
        throw ServerError(.contentTooLarge, code: "inflate-ratio-exceeded",
                          "the upload inflates more than \(configuration.maxInflateRatio) times its size; refusing a possible gzip bomb")
    }
}
