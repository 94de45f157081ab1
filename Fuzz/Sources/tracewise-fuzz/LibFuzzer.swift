/// libFuzzer's entry point for a program that has its own `main` (compiler-rt's FuzzerDriver.cpp): parses
/// libFuzzer's options from `argv` and runs `callback` on every generated input; returns the exit status.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer on ``FuzzTarget/selected`` with the given command line (program name first); returns its
/// exit status. The callback is referenced here, beside its definition: a `@_cdecl` function converted to a C
/// function pointer in another file gets a second copy of its C symbol.
func runLibFuzzer(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput)
}

/// Runs the selected target on one input. Exported under libFuzzer's conventional name because
/// `-sanitize=fuzzer` links libFuzzer's own `main` object, which refers to it (our `main` wins the link).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let target = FuzzTarget.selected else { fatalError("no fuzz target selected") }
    target.run([UInt8](UnsafeBufferPointer(start: data, count: size)))
    return 0
}
