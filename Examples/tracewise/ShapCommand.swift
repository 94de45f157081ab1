import ArgumentParser
import Explain
import Foundation

/// `tracewise shap --model MODEL.json --data X.csv --out SHAP.csv [--background B.csv] [--format text|json]`:
/// exact path-dependent TreeSHAP values of an XGBoost JSON model for every row of a feature CSV, or
/// interventional TreeSHAP values against the rows of `--background`.
///
/// The data's first column holds row ids and its header names the features (matched to the model's
/// feature names, or by position when the model was saved without names). The output CSV has the same
/// ids and columns; the base value is printed on stdout (`expected_value: X`, or JSON).
struct ShapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shap",
        abstract: "Compute exact TreeSHAP values of an XGBoost JSON model for a feature CSV.")

    @Option(help: "The XGBoost model saved with save_model (JSON).")
    var model: String

    @Option(help: "The feature CSV: first column row ids, header names the features.")
    var data: String

    @Option(help: "Where to write the SHAP values (CSV with the data's ids and columns).")
    var out: String

    @Option(help: "A feature CSV of reference rows: compute interventional instead of path-dependent SHAP values.")
    var background: String?

    @OptionGroup var output: FormatOptions

    func run() throws {
        let ensemble = try TreeEnsemble(contentsOfXGBoostJSON: URL(fileURLWithPath: model))
        let table = try FeatureCSV(contentsOf: URL(fileURLWithPath: data))
        let binding = try Self.bind(table, to: ensemble, file: data)
        let rows = binding.modelMatrix(from: table.matrix)
        let shap: ShapValues
        if let background {
            let references = try FeatureCSV(contentsOf: URL(fileURLWithPath: background))
            let referenceRows = try Self.bind(references, to: ensemble, file: background).modelMatrix(from: references.matrix)
            shap = try InterventionalTreeSHAP(ensemble, background: referenceRows).explain(rows)
        } else {
            var explainer = TreeSHAP(ensemble)
            explainer.progress = ProgressDisplay.shared.handler
            shap = try explainer.explain(rows)
        }
        var values: [Double] = []
        values.reserveCapacity(shap.values.count)
        for row in 0..<shap.rowCount { values.append(contentsOf: binding.dataOrder(shap.row(row))) }
        let shapTable = FeatureCSV(idHeader: table.idHeader,
                                   matrix: FeatureMatrix(names: table.matrix.names, values: values, caseIDs: table.rowIDs))
        try OutputFile.replace(out) { try shapTable.write(to: $0) }
        switch output.format {
        case .text:
            print("expected_value: \(shap.expectedValue)")
        case .json:
            try JSONOutput.print(ShapSummary(expectedValue: shap.expectedValue, rows: shap.rowCount,
                                             features: table.matrix.names, out: out,
                                             featurePerturbation: background == nil ? "tree_path_dependent" : "interventional"))
        }
    }
}

extension ShapCommand {
    /// Binds a table's columns to the model's features, naming the table's file in errors.
    static func bind(_ table: FeatureCSV, to model: TreeEnsemble, file: String) throws -> FeatureBinding {
        do {
            return try FeatureBinding(model: model.featureNames, data: table.matrix.names)
        } catch var error as ExplainError {
            error.location.file = file
            throw error
        }
    }
}

/// The JSON summary `tracewise shap --format json` prints.
struct ShapSummary: Encodable {
    var expectedValue: Double
    var rows: Int
    var features: [String]
    var out: String
    var featurePerturbation: String

    enum CodingKeys: String, CodingKey {
        case expectedValue = "expected_value"
        case featurePerturbation = "feature_perturbation"
        case rows, features, out
    }
}
