import ArgumentParser
import Foundation
import Packs

/// `tracewise packs …`: validate, show and convert domain and tenant policy packs; publish them to a store and list a
/// store's packs.
struct PacksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packs",
        abstract: "Validate, show, convert and test domain packs and tenant policy packs; print their JSON Schemas; publish them to a store.",
        subcommands: [
            PacksValidateCommand.self,
            PacksShowCommand.self,
            PacksConvertCommand.self,
            PacksSchemaCommand.self,
            PacksTestCommand.self,
            PacksPublishCommand.self,
            PacksListCommand.self,
        ]
    )
}

/// The JSON shape of `packs validate --format json` (a contract).
struct PacksValidationOutput: Encodable {
    var valid: Bool
    var errors: [ValidationIssue]
    var warnings: [ValidationIssue]
}

struct PacksValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate pack files (and directories of them); tenant packs are checked against the domain packs given.",
        discussion: "Exit code 1 when any file is invalid."
    )

    @Argument(help: "Pack files (JSON or YAML) or directories holding them (and subdirectories one level down).")
    var paths: [String]

    @OptionGroup var output: FormatOptions

    func run() throws {
        var files: [URL] = []
        var report = ValidationReport()
        for path in paths {
            var isDirectory: ObjCBool = false
            let url = URL(fileURLWithPath: path)
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let found = PackSetValidator.packFilesRecursively(in: url)
                if found.isEmpty {
                    report.errors.append(ValidationIssue(file: path, path: .root, code: .unreadableFile, message: "no .json, .yaml or .yml pack files in the directory"))
                }
                files += found
            } else {
                files.append(url)
            }
        }
        report.merge(PackSetValidator().validate(files))
        switch output.format {
        case .json:
            try JSONOutput.print(PacksValidationOutput(valid: report.isValid, errors: report.errors, warnings: report.warnings))
        case .text:
            for issue in report.errors { print("error: \(issue)") }
            for issue in report.warnings { print("warning: \(issue)") }
            print(report.isValid ? "valid (\(files.count) file\(files.count == 1 ? "" : "s"), \(report.warnings.count) warning(s))"
                                 : "invalid: \(report.errors.count) error(s), \(report.warnings.count) warning(s)")
        }
        if !report.isValid { throw CLIError.finding }
    }
}

struct PacksShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a pack as normalised JSON (defaults filled in, keys sorted)."
    )

    @Argument(help: "A domain or tenant policy pack file.")
    var path: String

    func run() throws {
        let url = URL(fileURLWithPath: path)
        let loader = PackLoader()
        let read = loader.readDocument(at: url)
        guard let document = read.document else { throw CLIError.invalid(read.report) }
        let normalised: PackValue
        switch PackKind.of(document) {
        case .domain:
            let result = loader.validateDomainPack(document)
            guard let pack = result.pack else { throw CLIError.invalid(result.report.attributed(to: url.path)) }
            normalised = try PackValue(encoding: pack)
        case .tenantPolicy:
            let result = loader.validateTenantPolicyPack(document, domainPack: nil)
            guard let pack = result.pack else { throw CLIError.invalid(result.report.attributed(to: url.path)) }
            normalised = try PackValue(encoding: pack)
        }
        FileHandle.standardOutput.write(Data(try PackDocumentWriter.string(normalised, format: .json).utf8))
    }
}

struct PacksConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a pack between JSON and YAML (the formats come from the file extensions).",
        discussion: "The document is converted as written (no defaults added); JSON → YAML → JSON is byte-identical to the normalised JSON."
    )

    @Argument(help: "Input file (.json, .yaml or .yml; other extensions are sniffed).")
    var input: String

    @Argument(help: "Output file (.json, .yaml or .yml).", transform: PackOutputFile.init)
    var output: PackOutputFile

    /// The output path and the document format its extension names.
    struct PackOutputFile {
        var path: String
        var format: PackDocumentFormat

        init(_ path: String) throws {
            guard let format = PackDocumentFormat.fromExtension(of: path) else {
                throw ValidationError("the output file must end in .json, .yaml or .yml")
            }
            self.path = path
            self.format = format
        }
    }

    func run() throws {
        let read = PackLoader().readDocument(at: URL(fileURLWithPath: input))
        guard let document = read.document else { throw CLIError.invalid(read.report) }
        try OutputFile.write(try PackDocumentWriter.string(document, format: output.format), to: output.path)
    }
}

struct PacksSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of domain packs or tenant policy packs (as in docs/schemas/)."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case domain, tenant
    }

    @Argument(help: "domain or tenant")
    var kind: Kind

    func run() throws {
        let text = try JSONSchemaExporter.text(for: kind == .domain ? .domain : .tenantPolicy)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
