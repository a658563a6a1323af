/// auth-service's Spring Boot log (`logs/auth-service/app.log`), local WAT time
/// without an offset.
///
/// Per JVM: the start-up block with `Starting AuthApplication v<version>` (one
/// `start` event), an `rss=…MB` reading every 30 s (one `memory` event each),
/// ordinary token traffic, and the failures of `AuthLeakTimeline.authErrorWindows`
/// (one `error` event per record, stack trace included). 2.3.0 logs its session
/// cache evictions; 2.3.1 only logs the cache growing, the clue to the leak.
struct AuthServiceAppLog {
    let timeline: AuthLeakTimeline

    func write(using random: inout SplitMix64) -> LogFile {
        let file = LogFile(service: "auth-service", name: "app.log")
        for process in timeline.processes {
            if let started = process.started { writeStartup(process, at: started, to: file) }
            writeMemoryReadings(process, to: file, using: &random)
            writeTraffic(process, to: file, using: &random)
            if !process.killedByKernel, process.ended < timeline.logEnd {
                writeShutdown(process, at: process.ended.adding(seconds: -1.1), to: file)
            }
        }
        for window in timeline.authErrorWindows {
            for time in ArrivalClock.arrivals(from: window.start, to: window.end, perMinute: window.perMinute,
                                              using: &random) {
                writeFailure(at: time, to: file, using: &random)
            }
        }
        return file
    }

    private func process(at time: LogInstant) -> AuthLeakTimeline.AuthProcess {
        timeline.processes.first { time < $0.ended } ?? timeline.processes[timeline.processes.count - 1]
    }

    private func add(
        _ file: LogFile, _ time: LogInstant, _ kinds: [EventKind] = [], level: String = "INFO",
        thread: String, logger: String, _ message: String, throwable: String? = nil
    ) {
        let pid = process(at: time).pid
        file.add(at: time, kinds) { buffer in
            SpringBootLine(time: time, offset: AuthLeakTimeline.zone, level: level, pid: pid, thread: thread,
                           logger: logger, message: message, throwable: throwable).write(to: &buffer)
        }
    }

    private func writeStartup(_ process: AuthLeakTimeline.AuthProcess, at started: LogInstant, to file: LogFile) {
        let start = started.adding(seconds: 4.312)
        add(file, start, [.start], thread: "main", logger: "c.e.auth.AuthApplication",
            "Starting AuthApplication v\(process.version) using Java 17.0.10 with PID \(process.pid) "
                + "(/opt/auth-service/lib/auth-service.jar started by auth in /opt/auth-service)")
        add(file, start.adding(seconds: 0.004), thread: "main", logger: "c.e.auth.AuthApplication",
            "The following 1 profile is active: \"prod\"")
        add(file, start.adding(seconds: 2.871), thread: "main", logger: "o.s.b.w.embedded.tomcat.TomcatWebServer",
            "Tomcat initialized with port(s): 8080 (http)")
        add(file, start.adding(seconds: 4.102), thread: "main", logger: "com.zaxxer.hikari.HikariDataSource",
            "HikariPool-1 - Starting...")
        add(file, start.adding(seconds: 4.390), thread: "main", logger: "com.zaxxer.hikari.HikariDataSource",
            "HikariPool-1 - Start completed.")
        add(file, start.adding(seconds: 7.655), thread: "main", logger: "o.s.b.w.embedded.tomcat.TomcatWebServer",
            "Tomcat started on port(s): 8080 (http) with context path ''")
        add(file, start.adding(seconds: 7.689), thread: "main", logger: "c.e.auth.AuthApplication",
            "Started AuthApplication in 7.912 seconds (JVM running for 8.603)")
    }

    private func writeShutdown(_ process: AuthLeakTimeline.AuthProcess, at time: LogInstant, to file: LogFile) {
        add(file, time, thread: "ionShutdownHook", logger: "o.s.b.w.embedded.tomcat.GracefulShutdown",
            "Commencing graceful shutdown. Waiting for active requests to complete")
        add(file, time.adding(seconds: 0.211), thread: "tomcat-shutdown",
            logger: "o.s.b.w.embedded.tomcat.GracefulShutdown", "Graceful shutdown complete")
        add(file, time.adding(seconds: 0.236), thread: "ionShutdownHook",
            logger: "j.LocalContainerEntityManagerFactoryBean",
            "Closing JPA EntityManagerFactory for persistence unit 'default'")
        add(file, time.adding(seconds: 0.240), thread: "ionShutdownHook", logger: "com.zaxxer.hikari.HikariDataSource",
            "HikariPool-1 - Shutdown initiated...")
        add(file, time.adding(seconds: 0.252), thread: "ionShutdownHook", logger: "com.zaxxer.hikari.HikariDataSource",
            "HikariPool-1 - Shutdown completed.")
    }

    private func writeMemoryReadings(
        _ process: AuthLeakTimeline.AuthProcess, to file: LogFile, using random: inout SplitMix64
    ) {
        let from = process.ready ?? timeline.logStart.adding(seconds: 9)
        for time in ArrivalClock.periodic(from: from, to: process.ended, every: 30, jitter: 0.05, using: &random) {
            let megabytes = timeline.memory.sampleMB(at: time, using: &random)
            var text = LineBuffer()
            text.append("resident memory rss=")
            text.append(megabytes, places: 1)
            text.append("MB")
            add(file, time, [.memory], thread: "scheduling-1", logger: "c.e.auth.metrics.MemoryReporter",
                String(decoding: text.bytes, as: UTF8.self))
        }
    }

    private func writeTraffic(_ process: AuthLeakTimeline.AuthProcess, to file: LogFile, using random: inout SplitMix64) {
        let from = process.ready ?? timeline.logStart
        let leaking = process.version == "2.3.1"
        var cacheEntries = 0
        for time in ArrivalClock.periodic(from: from.adding(seconds: 150), to: process.ended, every: 300, jitter: 2,
                                          using: &random) {
            if leaking {
                cacheEntries += random.int(in: 9_000...12_500)
                add(file, time, thread: "scheduling-1", logger: "c.e.auth.session.SessionCache",
                    "session cache holds \(cacheEntries) entries")
            } else {
                add(file, time, thread: "scheduling-1", logger: "c.e.auth.session.SessionSweeper",
                    "Evicted \(random.int(in: 1_100...1_700)) expired sessions from session cache")
            }
        }
        let clients = ["web-app", "web-app", "mobile-android", "mobile-ios", "partner-portal"]
        let grants = ["refresh_token", "refresh_token", "password", "authorization_code"]
        for time in ArrivalClock.arrivals(from: from, to: process.ended, perMinute: .constant(1.1), using: &random) {
            let thread = "http-nio-8080-exec-\(random.int(in: 1...24))"
            switch random.below(10) {
            case 0...6:
                add(file, time, thread: thread, logger: "c.e.auth.web.TokenController",
                    "Issued access token for client \(random.pick(clients)) (grant_type=\(random.pick(grants)))")
            case 7, 8:
                add(file, time, thread: thread, logger: "c.e.auth.jwks.JwksEndpoint", "Served JWKS with 2 signing keys")
            default:
                add(file, time, level: "WARN", thread: thread, logger: "c.e.auth.web.TokenController",
                    "Rejected refresh token for client \(random.pick(clients)): token expired")
            }
        }
        if leaking {
            for time in ArrivalClock.arrivals(from: AuthLeakTimeline.wat(2, 40), to: process.ended,
                                              perMinute: .constant(0.12), using: &random)
            where time > from {
                add(file, time, level: "WARN", thread: "HikariPool-1 housekeeper", logger: "com.zaxxer.hikari.pool.HikariPool",
                    "HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=\(random.int(in: 52...95))s"
                        + "\(random.int(in: 100...999))ms).")
            }
        }
    }

    private func writeFailure(at time: LogInstant, to file: LogFile, using random: inout SplitMix64) {
        let thread = "http-nio-8080-exec-\(random.int(in: 1...40))"
        let databaseTimeouts = time >= timeline.slowQueries && !timeline.databaseIsDown(at: time)
        let roll = random.below(100)
        if roll < 76 {
            add(file, time, [.error], level: "ERROR", thread: thread, logger: "c.e.auth.web.TokenController",
                "token validation failed for client \(random.pick(["web-app", "web-app", "mobile-android", "mobile-ios"]))"
                    + ": session lookup timed out")
        } else if roll < 89 || !databaseTimeouts {
            add(file, time, [.error], level: "ERROR", thread: thread, logger: "c.e.auth.web.TokenController",
                "token validation failed", throwable: Self.sessionLookupTimeout.text)
        } else {
            add(file, time, [.error], level: "ERROR", thread: thread, logger: "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
                "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception "
                    + "[Request processing failed; nested exception is org.springframework.dao.QueryTimeoutException: "
                    + "PreparedStatementCallback; SQL [select id, user_id, expires_at from sessions where token_hash = ?]; "
                    + "ERROR: canceling statement due to statement timeout] with root cause",
                throwable: Self.statementTimeout.text)
        }
    }

    private static let sessionLookupTimeout = JavaThrowable(
        header: "java.util.concurrent.TimeoutException: null",
        frames: [
            "java.base/java.util.concurrent.CompletableFuture.timedGet(CompletableFuture.java:1960)",
            "java.base/java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2095)",
            "com.example.auth.session.SessionStore.lookup(SessionStore.java:88)",
            "com.example.auth.token.TokenValidator.validate(TokenValidator.java:61)",
            "com.example.auth.web.TokenController.introspect(TokenController.java:112)",
            "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:883)",
            "java.base/java.lang.Thread.run(Thread.java:840)",
        ])

    private static let statementTimeout = JavaThrowable(
        header: "org.postgresql.util.PSQLException: ERROR: canceling statement due to statement timeout",
        frames: [
            "org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2713)",
            "org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2401)",
            "org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:498)",
            "org.postgresql.jdbc.PgPreparedStatement.executeQuery(PgPreparedStatement.java:134)",
            "org.springframework.jdbc.core.JdbcTemplate$1.doInPreparedStatement(JdbcTemplate.java:722)",
            "com.example.auth.session.SessionRepository.findByTokenHash(SessionRepository.java:47)",
            "java.base/java.lang.Thread.run(Thread.java:840)",
        ])
}
