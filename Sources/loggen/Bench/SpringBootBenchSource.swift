/// Spring Boot (logback) lines: 1% ERROR (a third with a stack trace), 2% WARN,
/// an `rss=…MB` reading every 100 lines, a start line every 150,000.
struct SpringBootBenchSource: TimedBenchLineSource {
    private var random: SplitMix64
    private var clock: BenchClock
    /// The time of the last record written.
    var now: LogInstant { clock.now }
    private var count = 0
    private var rssMB = 400.0
    private static let infos: [(String, String)] = [
        ("c.e.auth.web.TokenController", "Issued access token for client web-app (grant_type=refresh_token)"),
        ("c.e.auth.web.TokenController", "Issued access token for client mobile-android (grant_type=password)"),
        ("c.e.auth.jwks.JwksEndpoint", "Served JWKS with 2 signing keys"),
        ("c.e.auth.session.SessionSweeper", "Evicted 1423 expired sessions from session cache"),
        ("o.s.web.servlet.DispatcherServlet", "Completed initialization in 2 ms"),
    ]
    private static let trace = """
        java.util.concurrent.TimeoutException: null
        \tat java.base/java.util.concurrent.CompletableFuture.timedGet(CompletableFuture.java:1960)
        \tat com.example.auth.session.SessionStore.lookup(SessionStore.java:88)
        \tat com.example.auth.web.TokenController.introspect(TokenController.java:112)
        \tat java.base/java.lang.Thread.run(Thread.java:840)

        """

    init(seed: UInt64, start: LogInstant) {
        random = SplitMix64(seed: seed)
        clock = BenchClock(start: start, maxGapMicroseconds: 30_000)
    }

    mutating func appendRecord(to buffer: inout LineBuffer) {
        let time = clock.tick(using: &random)
        count += 1
        let roll = random.below(100)
        buffer.appendISO8601(time, offset: .wat, fractionDigits: 3, offsetStyle: .none, separator: UInt8(ascii: " "))
        buffer.append(roll == 0 ? " ERROR 1 --- [" : roll < 3 ? "  WARN 1 --- [" : "  INFO 1 --- [")
        buffer.append("nio-8080-exec-")
        buffer.append(random.below(9) + 1)
        buffer.append("] ")
        if count % 150_000 == 0 {
            buffer.append("c.e.auth.AuthApplication                 : Starting AuthApplication v2.3.")
            buffer.append(count / 150_000)
            buffer.append(" using Java 17.0.10 with PID 1 (/app/auth.jar started by app in /app)\n")
        } else if count % 100 == 0 {
            rssMB += random.double(in: -3...3.2)
            buffer.append("c.e.auth.metrics.MemoryReporter          : resident memory rss=")
            buffer.append(rssMB, places: 1)
            buffer.append("MB\n")
        } else if roll == 0 {
            buffer.append("c.e.auth.web.TokenController             : token validation failed")
            if random.below(3) == 0 {
                buffer.newline()
                buffer.append(Self.trace)
            } else {
                buffer.append(": session lookup timed out\n")
            }
        } else if roll < 3 {
            buffer.append("com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Failed to validate connection "
                + "org.postgresql.jdbc.PgConnection@6b1a2f3e (This connection has been closed.)\n")
        } else {
            let (logger, message) = Self.infos[random.below(Self.infos.count)]
            buffer.append(logger, paddedTo: 40)
            buffer.append(" : ")
            buffer.append(message)
            buffer.newline()
        }
    }
}
