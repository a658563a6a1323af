/// Elastic Common Schema JSON lines of a Go service: 1% errors, a
/// `"heap_used_bytes"` reading every 60 lines.
struct ECSBenchSource: BenchLineSource {
    private var random: SplitMix64
    private var clock: BenchClock
    private var count = 0
    private var heapMB = 320.0
    private static let messages = ["search served", "index refreshed", "cache hit ratio sampled",
                                   "suggestions served", "query parsed"]
    private static let terms = ["rice", "tomato paste", "phone charger", "ankara fabric", "generator", "solar lamp"]

    init(seed: UInt64, start: LogInstant) {
        random = SplitMix64(seed: seed)
        clock = BenchClock(start: start, maxGapMicroseconds: 25_000)
    }

    mutating func appendRecord(to buffer: inout LineBuffer) {
        let time = clock.tick(using: &random)
        count += 1
        let isError = random.below(100) == 0
        buffer.append("{\"@timestamp\":\"")
        buffer.appendISO8601(time, offset: .utc, fractionDigits: 3, offsetStyle: .zulu)
        buffer.append("\",\"log.level\":\"")
        buffer.append(isError ? "error" : "info")
        buffer.append("\",\"message\":\"")
        if isError {
            buffer.append("index shard request failed")
        } else if count % 60 == 0 {
            buffer.append("runtime stats")
        } else {
            buffer.append(Self.messages[random.below(Self.messages.count)])
        }
        buffer.append("\",\"ecs.version\":\"1.6.0\",\"service.name\":\"search\",\"service.version\":\"7.3.0\"")
        if isError {
            buffer.append(",\"error.message\":\"shard 4 of products-v12: context canceled\"")
        } else if count % 60 == 0 {
            heapMB += random.double(in: -5...5)
            buffer.append(",\"heap_used_bytes\":")
            buffer.append(Int(heapMB * 1_048_576))
        } else {
            buffer.append(",\"search.query\":\"")
            buffer.append(Self.terms[random.below(Self.terms.count)])
            buffer.append("\",\"search.hits\":")
            buffer.append(random.below(500))
        }
        buffer.append("}\n")
    }
}
