// Fuzz target: one line through LineDecoder in each envelope (JSON, CRI, logfmt,
// text), which reaches JSONRecordParser, LogfmtParser, SyslogHeader, RFC 5424,
// compose prefixes, ANSI codes and every timestamp form.
@testable import CulpritCore

private let envelopes: [EnvelopeKind] = [.text, .json, .cri, .logfmt]
nonisolated(unsafe) private let decoders = fuzzTimestampParsers.map(LineDecoder.init)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLineDecoder(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzedInput(data, count)
    let envelope = input.choice(of: envelopes)
    let decoder = input.choice(of: decoders)
    let line = input.rest
    _ = EnvelopeKind.classify(line)
    for borrowingText in [false, true] {
        let decoded = decoder.decode(line, envelope: envelope, borrowingText: borrowingText)
        if let time = decoded.time {
            check(plausibleMicros.contains(time), "line time implausible: \(time) µs")
        }
        for (_, value) in decoded.fields.entries { _ = value.text }
    }
    return 0
}
