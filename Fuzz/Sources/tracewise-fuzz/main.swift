import Foundation

// tracewise-fuzz TARGET [libFuzzer options] [corpus directories or input files]
// tracewise-fuzz list
//
// The target name is taken off the command line before libFuzzer parses the rest, so every libFuzzer option
// (-max_total_time=60, -runs=0, a crash file to replay, …) works as with any libFuzzer binary.

let arguments = CommandLine.arguments
guard arguments.count >= 2, !["-h", "-help", "--help"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("""
        usage: tracewise-fuzz TARGET [libFuzzer options] [corpus directories or inputs]
               tracewise-fuzz list
        targets: \(FuzzTarget.all.map(\.name).joined(separator: " "))

        """.utf8))
    exit(2)
}
if arguments[1] == "list" {
    for target in FuzzTarget.all { print("\(target.name)\t\(target.summary)") }
    exit(0)
}
guard let target = FuzzTarget.named(arguments[1]) else {
    FileHandle.standardError.write(Data("tracewise-fuzz: unknown target '\(arguments[1])' (try 'tracewise-fuzz list')\n".utf8))
    exit(2)
}
FuzzTarget.selected = target

let argv = CommandLine.unsafeArgv
argv[1] = argv[0]
exit(runLibFuzzer(argc: CommandLine.argc - 1, argv: argv + 1))
