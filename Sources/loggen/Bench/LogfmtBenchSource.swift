/// go-kit logfmt lines of a worker: 1% `level=error`, a `heap_bytes=…` reading
/// every 40 lines.
struct LogfmtBenchSource: BenchLineSource {
    private var random: SplitMix64
    private var clock: BenchClock
    private var count = 0
    private var heapMB = 300.0
    private static let kinds = ["invoice-summary", "ledger-export", "tax-return", "merchant-statement"]

    init(seed: UInt64, start: LogInstant) {
        random = SplitMix64(seed: seed)
        clock = BenchClock(start: start, maxGapMicroseconds: 30_000)
    }

    mutating func appendRecord(to buffer: inout LineBuffer) {
        let time = clock.tick(using: &random)
        count += 1
        buffer.append("ts=")
        buffer.appendISO8601(time, offset: .utc, fractionDigits: 6, offsetStyle: .zulu)
        if count % 40 == 0 {
            heapMB += random.double(in: -4...4.3)
            buffer.append(" caller=stats.go:41 level=info msg=\"runtime stats\" heap_bytes=")
            buffer.append(Int(heapMB * 1_048_576))
            buffer.append(" goroutines=")
            buffer.append(random.int(in: 40...60))
        } else if random.below(100) == 0 {
            buffer.append(" caller=render.go:203 level=error msg=\"render failed\" report_id=rpt-")
            buffer.append(count)
            buffer.append(" err=\"template: invoice.tmpl:41:12: nil pointer evaluating *money.Amount.Amount\"")
        } else if count & 1 == 0 {
            buffer.append(" caller=queue.go:77 level=info msg=\"job claimed\" report_id=rpt-")
            buffer.append(count)
            buffer.append(" kind=")
            buffer.append(Self.kinds[random.below(Self.kinds.count)])
        } else {
            buffer.append(" caller=render.go:142 level=info msg=\"report rendered\" report_id=rpt-")
            buffer.append(count - 1)
            buffer.append(" pages=")
            buffer.append(random.int(in: 1...60))
        }
        buffer.newline()
    }
}
