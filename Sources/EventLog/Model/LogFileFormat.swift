import Foundation

/// The file formats logs are read from and written to, recognised by file extension.
public enum LogFileFormat: String, Hashable, Sendable {
    case xes
    case csv

    /// The format of `url` (`.xes`, `.xes.gz`, `.csv`, `.csv.gz`, in any letter case), or nil.
    public init?(url: URL) {
        var name = url.lastPathComponent.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".xes") {
            self = .xes
        } else if name.hasSuffix(".csv") {
            self = .csv
        } else {
            return nil
        }
    }

    /// Whether `url` names a gzip-compressed file (`.gz`).
    public static func isCompressed(_ url: URL) -> Bool {
        url.lastPathComponent.lowercased().hasSuffix(".gz")
    }
}
