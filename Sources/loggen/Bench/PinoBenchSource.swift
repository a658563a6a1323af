/// pino JSON lines of a Node.js service: 1.2% level 50, 1% level 40, a
/// `"memory":{"rss":…}` reading every 50 lines, a start line every 200,000.
struct PinoBenchSource: TimedBenchLineSource {
    private var random: SplitMix64
    private var clock: BenchClock
    /// The time of the last record written.
    var now: LogInstant { clock.now }
    private var count = 0
    private var rssMB = 180.0
    private static let hosts = ["checkout-5c8f7b9d4-tq6wz", "checkout-5c8f7b9d4-x2k4p", "checkout-5c8f7b9d4-m9qlz"]
    private static let messages = [
        "order placed", "cart priced", "inventory reserved", "request completed", "session refreshed",
        "coupon applied", "shipping quote computed", "address validated",
    ]
    private static let errors = ["payment authorization failed", "inventory service unavailable",
                                 "unhandled rejection in checkout flow"]

    init(seed: UInt64, start: LogInstant) {
        random = SplitMix64(seed: seed)
        clock = BenchClock(start: start, maxGapMicroseconds: 20_000)
    }

    mutating func appendRecord(to buffer: inout LineBuffer) {
        let time = clock.tick(using: &random)
        count += 1
        let roll = random.below(1_000)
        let level = roll < 12 ? 50 : roll < 22 ? 40 : 30
        buffer.append("{\"level\":")
        buffer.append(level)
        buffer.append(",\"time\":")
        buffer.append(Int(time.epochMilliseconds))
        buffer.append(",\"pid\":1,\"hostname\":\"")
        buffer.append(Self.hosts[count % Self.hosts.count])
        buffer.append(byte: UInt8(ascii: "\""))
        if count % 200_000 == 0 {
            buffer.append(",\"msg\":\"Starting checkout v4.1.")
            buffer.append(count / 200_000)
            buffer.append("\"}")
        } else if count % 50 == 0 {
            rssMB += random.double(in: -2...2.2)
            buffer.append(",\"memory\":{\"rss\":")
            buffer.append(Int(rssMB * 1_048_576))
            buffer.append("},\"msg\":\"process stats\"}")
        } else if level == 50 {
            buffer.append(",\"err\":{\"type\":\"FetchError\",\"message\":\"socket hang up\"},\"msg\":\"")
            buffer.append(Self.errors[random.below(Self.errors.count)])
            buffer.append("\"}")
        } else {
            buffer.append(",\"reqId\":\"req-")
            buffer.append(count)
            buffer.append("\",\"responseTime\":")
            buffer.append(random.below(900))
            buffer.append(",\"msg\":\"")
            buffer.append(Self.messages[random.below(Self.messages.count)])
            buffer.append("\"}")
        }
        buffer.newline()
    }
}
