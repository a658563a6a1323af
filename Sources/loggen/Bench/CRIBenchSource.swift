/// Kubernetes CRI container log lines wrapping klog, plain Go `log` and JSON
/// lines: 1.5% error lines, 0.2% split into a `P` partial and its `F` end.
struct CRIBenchSource: BenchLineSource {
    private var random: SplitMix64
    private var clock: BenchClock
    private var count = 0

    init(seed: UInt64, start: LogInstant) {
        random = SplitMix64(seed: seed)
        clock = BenchClock(start: start, maxGapMicroseconds: 15_000)
    }

    mutating func appendRecord(to buffer: inout LineBuffer) {
        let time = clock.tick(using: &random)
        count += 1
        let roll = random.below(1_000)
        if roll < 2 {
            CRIEnvelope.writePrefix(to: &buffer, time: time, partial: true)
            buffer.append("{\"level\":\"info\",\"msg\":\"payload\",\"body\":\"")
            for _ in 0..<8 { buffer.append("aGVsbG8gd29ybGQ=") }
            buffer.newline()
            CRIEnvelope.writePrefix(to: &buffer, time: time)
            buffer.append("\"}\n")
            return
        }
        let isError = roll < 17
        CRIEnvelope.writePrefix(to: &buffer, time: time, stream: isError ? "stderr" : "stdout")
        switch count % 3 {
        case 0:
            buffer.append(isError ? "E" : "I")
            buffer.appendKlogTime(time)
            buffer.append("       1 reconciler.go:")
            buffer.append(isError ? 214 : 118)
            buffer.append(isError ? "] \"Reconcile failed\" err=\"context deadline exceeded\" object=\"prod/orders-"
                                  : "] \"Reconciled\" object=\"prod/orders-")
            buffer.append(random.below(40))
            buffer.append("\"\n")
        case 1:
            buffer.appendNginxErrorTime(time, offset: .utc)
            buffer.append(byte: UInt8(ascii: " "))
            buffer.append(isError ? "ERROR: upstream orders.prod.svc returned status 503\n"
                                  : "handled GET /internal/stock in 3ms\n")
        default:
            buffer.append("{\"level\":\"")
            buffer.append(isError ? "error" : "info")
            buffer.append("\",\"ts\":")
            buffer.append(Int(time.epochMilliseconds / 1_000))
            buffer.append(".")
            buffer.append(Int(time.epochMilliseconds % 1_000), zeroPaddedTo: 3)
            buffer.append(",\"msg\":\"")
            buffer.append(isError ? "failed to flush batch" : "flushed batch")
            buffer.append("\",\"records\":")
            buffer.append(random.below(500))
            buffer.append("}\n")
        }
    }
}
