/// Stops the run when a property of the code under test does not hold. The trap
/// makes libFuzzer report a crash and save the input, like any other crash.
func check(_ holds: Bool, _ property: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !holds { fatalError("property does not hold: \(property())", file: file, line: line) }
}
