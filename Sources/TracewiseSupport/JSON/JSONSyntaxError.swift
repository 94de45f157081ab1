/// The first syntax error ``JSONTreeParser`` met: what is wrong and where (1-based line, and column in
/// characters). Each product turns it into its own typed error.
package struct JSONSyntaxError: Error, Hashable, Sendable {
    package var message: String
    package var line: Int
    package var column: Int

    package init(_ message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }
}
