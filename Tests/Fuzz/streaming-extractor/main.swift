// Fuzz target: the bytes of one input fed to StreamingExtractor (what `watch`
// uses) in pieces cut at line ends where the fuzzer says. However it is cut, no
// line is lost or counted twice, and events stay in line order.
@testable import CulpritModel
@testable import CulpritIngest
@testable import CulpritExtract

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStreamingExtractor(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzedInput(data, count)
    let settings = fuzzSettings(&input)
    let path = input.choice(of: fuzzPaths)
    let cuts = input.byte()
    let bytes = input.rest
    var extractor = StreamingExtractor(settings: settings, file: InputFile(openPath: path, displayPath: path))
    var events = [LogEvent]()
    var pieceStart = 0
    var lineIndex = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A || index == bytes.count - 1 {
        // Each bit of `cuts` says whether a piece ends after the line (a cycle of eight lines).
        let cutHere = cuts & (1 << (lineIndex % 8)) != 0 || index == bytes.count - 1
        lineIndex += 1
        guard cutHere else { continue }
        events += extractor.events(from: Array(bytes[pieceStart...index]))
        pieceStart = index + 1
    }
    let lines = lineCount(bytes)
    check(extractor.linesRead == lines, "\(extractor.linesRead) lines read of \(lines)")
    checkEvents(events, lines: lines)
    return 0
}
