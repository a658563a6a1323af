/// PostgreSQL server lines: connections, logged writes and checkpoints, 3% slow
/// statements (`duration: … ms`), 0.5% errors with their `STATEMENT` line.
struct PostgresBenchSource: BenchLineSource {
    private var random: SplitMix64
    private var clock: BenchClock
    private var count = 0
    private static let statements = [
        "select id, user_id, expires_at from sessions where token_hash = $1",
        "update sessions set last_seen_at = now() where id = $1",
        "insert into login_events (user_id, client_id, created_at) values ($1, $2, now())",
        "select o.id, o.total from orders o where o.customer_id = $1 order by o.created_at desc limit 20",
    ]

    init(seed: UInt64, start: LogInstant) {
        random = SplitMix64(seed: seed)
        clock = BenchClock(start: start, maxGapMicroseconds: 150_000)
    }

    private mutating func prefix(_ buffer: inout LineBuffer, _ time: LogInstant, _ severity: String) {
        buffer.appendISO8601(time, offset: .wat, fractionDigits: 3, offsetStyle: .none, separator: UInt8(ascii: " "))
        buffer.append(" WAT [")
        buffer.append(random.int(in: 20_000...39_999))
        buffer.append("] ")
        buffer.append(severity)
        buffer.append(":  ")
    }

    mutating func appendRecord(to buffer: inout LineBuffer) {
        let time = clock.tick(using: &random)
        count += 1
        let roll = random.below(1_000)
        let statement = Self.statements[random.below(Self.statements.count)]
        if roll < 30 {
            prefix(&buffer, time, "LOG")
            buffer.append("duration: ")
            buffer.append(1_000 + Double(random.below(9_000_000)) / 1_000, places: 3)
            buffer.append(" ms  execute <unnamed>: ")
            buffer.append(statement)
            buffer.newline()
        } else if roll < 35 {
            prefix(&buffer, time, "ERROR")
            buffer.append("canceling statement due to statement timeout\n")
            prefix(&buffer, time, "STATEMENT")
            buffer.append(statement)
            buffer.newline()
        } else if count % 500 == 0 {
            prefix(&buffer, time, "LOG")
            buffer.append("checkpoint starting: time\n")
        } else if roll < 600 {
            prefix(&buffer, time, "LOG")
            buffer.append("connection received: host=10.0.2.")
            buffer.append(random.int(in: 2...60))
            buffer.append(" port=")
            buffer.append(random.int(in: 40_000...60_999))
            buffer.newline()
        } else {
            prefix(&buffer, time, "LOG")
            buffer.append("statement: ")
            buffer.append(statement)
            buffer.newline()
        }
    }
}
