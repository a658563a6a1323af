// Fuzz target: a chunk of log bytes through ChunkExtractor with the built-in
// patterns — line splitting, multi-line records, the literal prefilter, envelope
// decoding, every PCRE2 pattern and the numbers read from its captures — and the
// events rendered as `extract` renders them (NDJSON, table).
@testable import CulpritExtract

private let envelopes: [EnvelopeKind?] = [nil, .text, .json, .cri, .logfmt]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChunkExtractor(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzedInput(data, count)
    let settings = fuzzSettings(&input)
    let chosenEnvelope = input.choice(of: envelopes)
    var context = fuzzContext(&input, settings: settings, envelope: .text)
    let chunk = input.rest
    context.envelope = chosenEnvelope ?? ExtractionPipeline.detectEnvelope(Array(chunk))
    let result = ChunkExtractor(settings: settings, context: context).extract(chunk)
    let lines = lineCount(chunk)
    check(result.lineCount == lines, "\(result.lineCount) lines extracted of \(lines)")
    check(result.needsEarlierTime.allSatisfy { result.events.indices.contains($0) && result.events[$0].time == nil },
          "an event waiting for an earlier time is not one without a time")
    checkEvents(result.events, lines: lines)
    checkRendering(result.events)
    return 0
}
