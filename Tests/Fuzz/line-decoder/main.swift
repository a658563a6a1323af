// Fuzz target: one line through LineDecoder in each envelope (JSON, CRI, logfmt,
// text), which reaches JSONRecordParser, LogfmtParser, SyslogHeader, RFC 5424,
// compose prefixes, ANSI codes and every timestamp form.
@testable import CulpritExtract

private let envelopes: [EnvelopeKind] = [.text, .json, .cri, .logfmt]
nonisolated(unsafe) private let decoders = fuzzTimestampParsers.map(LineDecoder.init)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLineDecoder(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzedInput(data, count)
    let envelope = input.choice(of: envelopes)
    let decoder = input.choice(of: decoders)
    let line = input.rest
    _ = EnvelopeKind.classify(line)
    let decoded = decoder.decode(line, envelope: envelope)
    if let time = decoded.time {
        check(plausibleMicros.contains(time), "line time implausible: \(time) µs")
    }
    for (_, value) in decoded.fields.entries { _ = value.text }
    // The hot path leaves a plain line's message uncopied; it must read the line the same.
    let borrowed = decoder.decode(line, envelope: envelope, borrowingText: true)
    check(borrowed.time == decoded.time && borrowed.severity == decoded.severity && borrowed.service == decoded.service
          && borrowed.host == decoded.host && borrowed.version == decoded.version,
          "a line decodes differently when its text is borrowed")
    if borrowed.messageIsLine {
        check(decoded.message.elementsEqual(line), "a line said to be its own message decodes to another message")
    } else {
        check(borrowed.message == decoded.message, "a borrowed decode changed the message")
    }
    return 0
}
