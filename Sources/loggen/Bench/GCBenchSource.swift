/// JVM unified GC log lines (G1, `time,level,tags` decoration): young pauses with
/// a slowly wandering post-GC heap, a concurrent cycle now and then.
struct GCBenchSource: BenchLineSource {
    private var random: SplitMix64
    private var clock: BenchClock
    private var gcID = 0
    private var afterMB = 600.0

    init(seed: UInt64, start: LogInstant) {
        random = SplitMix64(seed: seed)
        clock = BenchClock(start: start, maxGapMicroseconds: 40_000_000)
    }

    mutating func appendRecord(to buffer: inout LineBuffer) {
        let time = clock.tick(using: &random)
        gcID += 1
        afterMB = min(1_900, max(300, afterMB + random.double(in: -12...12)))
        let after = Int(afterMB)
        let body: UnifiedGCLine.Body = gcID % 40 == 0
            ? .cycle(id: gcID, text: "Concurrent Mark Cycle")
            : .pause(id: gcID, name: "Pause Young (Normal) (G1 Evacuation Pause)", beforeMB: after + random.int(in: 200...700),
                     afterMB: after, capacityMB: 2_048, milliseconds: Double(random.below(30_000) + 2_000) / 1_000)
        UnifiedGCLine(time: time, offset: .wat, body: body).write(to: &buffer)
        buffer.newline()
    }
}
