/// The database's server log (`logs/postgres/postgresql-2025-03-12_000000.log`),
/// `log_line_prefix = '%m [%p] '`, WAT with the zone abbreviation.
///
/// Settings the lines follow: `log_min_duration_statement = 1000`,
/// `log_statement = 'mod'`, `log_connections = on`, checkpoints every 5 min.
/// Before 03:20 only ordinary writes, connections and checkpoints; from 03:20
/// statements over 1 s (one `latency` event each, the `DETAIL` line under them
/// none) and statement timeouts (one `error` event each). At 03:40 the team
/// scales the database up: a shutdown and a start of PostgreSQL 15.6 (one
/// `start` event) that change nothing.
struct PostgresLog {
    let timeline: AuthLeakTimeline
    private let zone = AuthLeakTimeline.zone

    private static let sessionLookup = "select id, user_id, expires_at from sessions where token_hash = $1"
    private static let slowStatements = [
        "execute <unnamed>: " + sessionLookup,
        "execute <unnamed>: " + sessionLookup,
        "execute <unnamed>: update sessions set last_seen_at = now() where id = $1",
        "execute S_3: select u.id, u.email, u.status from users u join sessions s on s.user_id = u.id where s.id = $1",
        "execute <unnamed>: insert into login_events (user_id, client_id, created_at) values ($1, $2, now())",
    ]
    private static let writes = [
        "insert into login_events (user_id, client_id, created_at) values ($1, $2, now())",
        "update users set last_login_at = now() where id = $1",
        "insert into audit_log (actor_id, action, target, created_at) values ($1, $2, $3, now())",
        "delete from password_reset_tokens where expires_at < now()",
    ]

    func write(using random: inout SplitMix64) -> LogFile {
        let file = LogFile(service: "postgres", name: "postgresql-2025-03-12_000000.log")
        writeRoutine(to: file, using: &random)
        writeSlowQueries(to: file, using: &random)
        writeStatementTimeouts(to: file, using: &random)
        writeScaleUp(to: file)
        return file
    }

    private func add(_ file: LogFile, _ time: LogInstant, _ kinds: [EventKind] = [], pid: Int,
                     _ severity: String, _ message: String) {
        file.add(at: time, kinds) { buffer in
            PostgresLine(time: time, offset: zone, pid: pid, severity: severity, message: message).write(to: &buffer)
        }
    }

    private func backendPID(using random: inout SplitMix64) -> Int {
        random.int(in: 20_000...39_999)
    }

    private func writeRoutine(to file: LogFile, using random: inout SplitMix64) {
        for tick in ArrivalClock.periodic(from: timeline.logStart.adding(seconds: 62), to: timeline.logEnd,
                                          every: 300, jitter: 0.01, using: &random)
        where !timeline.databaseIsDown(at: tick) && !timeline.databaseIsDown(at: tick.adding(seconds: 200)) {
            let checkpointer = tick < timeline.databaseStartup ? 1_126 : 1_190
            add(file, tick, pid: checkpointer, "LOG", "checkpoint starting: time")
            let writeSeconds = random.double(in: 24...160)
            let buffers = random.int(in: 180...2_400)
            add(file, tick.adding(seconds: writeSeconds + 0.02), pid: checkpointer, "LOG",
                "checkpoint complete: wrote \(buffers) buffers (\(percent(buffers))%); 0 WAL file(s) added, "
                    + "0 removed, 1 recycled; write=\(decimal(writeSeconds)) s, sync=0.004 s, "
                    + "total=\(decimal(writeSeconds + 0.011)) s; sync files=\(random.int(in: 12...48)), "
                    + "longest=0.002 s, average=0.001 s; distance=\(buffers * 8) kB, estimate=\(buffers * 8 + 412) kB")
        }
        for time in ArrivalClock.arrivals(from: timeline.logStart, to: timeline.logEnd, perMinute: .constant(0.35),
                                          using: &random) where !timeline.databaseIsDown(at: time) {
            let pid = backendPID(using: &random)
            add(file, time, pid: pid, "LOG",
                "connection received: host=10.0.2.\(random.pick([15, 15, 31, 44])) port=\(random.int(in: 40_000...60_999))")
            add(file, time.adding(seconds: 0.004), pid: pid, "LOG",
                "connection authorized: user=\(random.pick(["auth_svc", "auth_svc", "orders_svc"])) database=app "
                    + "application_name=PostgreSQL JDBC Driver")
        }
        for time in ArrivalClock.arrivals(from: timeline.logStart, to: timeline.logEnd, perMinute: .constant(0.5),
                                          using: &random) where !timeline.databaseIsDown(at: time) {
            add(file, time, pid: backendPID(using: &random), "LOG", "statement: " + random.pick(Self.writes))
        }
    }

    private func writeSlowQueries(to file: LogFile, using random: inout SplitMix64) {
        for time in ArrivalClock.arrivals(from: timeline.slowQueries, to: AuthLeakTimeline.wat(5, 20),
                                          perMinute: timeline.slowQueriesPerMinute, using: &random)
        where !timeline.databaseIsDown(at: time) {
            let median = timeline.slowQueryMilliseconds.value(at: time)
            var milliseconds = median * random.double(in: 0.55...1.6)
            if milliseconds < 1_000 { milliseconds = 1_000 + random.double(in: 1...350) }
            let pid = backendPID(using: &random)
            let statement = random.pick(Self.slowStatements)
            add(file, time, [.latency], pid: pid, "LOG", "duration: \(decimal(milliseconds)) ms  \(statement)")
            let parameters = statement.contains("token_hash")
                ? "$1 = '\(random.hex(40))'"
                : statement.contains("$2")
                    ? "$1 = '\(random.int(in: 100_000...999_999))', $2 = 'web-app'"
                    : "$1 = '\(random.int(in: 100_000...999_999))'"
            add(file, time, pid: pid, "DETAIL", "parameters: " + parameters)
        }
    }

    private func writeStatementTimeouts(to file: LogFile, using random: inout SplitMix64) {
        let windows = [
            (AuthLeakTimeline.wat(3, 25), AuthLeakTimeline.wat(4, 22)),
            (AuthLeakTimeline.wat(4, 50), AuthLeakTimeline.wat(5, 5)),
        ]
        for (start, end) in windows {
            for time in ArrivalClock.arrivals(from: start, to: end, perMinute: .constant(0.3), using: &random)
            where !timeline.databaseIsDown(at: time) {
                let pid = backendPID(using: &random)
                add(file, time, [.error], pid: pid, "ERROR", "canceling statement due to statement timeout")
                add(file, time, pid: pid, "STATEMENT", Self.sessionLookup)
            }
        }
    }

    /// The 03:40 scale-up: a fast shutdown, four minutes down, a start of the
    /// same PostgreSQL version.
    private func writeScaleUp(to file: LogFile) {
        let postmaster = 1_123
        let down = timeline.databaseShutdown
        add(file, down, pid: postmaster, "LOG", "received fast shutdown request")
        add(file, down.adding(seconds: 0.003), pid: postmaster, "LOG", "aborting any active transactions")
        for (offset, pid) in [(0.004, 31_207), (0.004, 27_745), (0.005, 35_012)] {
            add(file, down.adding(seconds: offset), [.error], pid: pid, "FATAL",
                "terminating connection due to administrator command")
        }
        add(file, down.adding(seconds: 0.011), pid: postmaster, "LOG",
            "background worker \"logical replication launcher\" (PID 1130) exited with exit code 1")
        add(file, down.adding(seconds: 0.014), pid: 1_126, "LOG", "shutting down")
        add(file, down.adding(seconds: 0.019), pid: 1_126, "LOG", "checkpoint starting: shutdown immediate")
        add(file, down.adding(seconds: 0.211), pid: 1_126, "LOG",
            "checkpoint complete: wrote 1204 buffers (7.3%); 0 WAL file(s) added, 0 removed, 0 recycled; "
                + "write=0.158 s, sync=0.021 s, total=0.195 s; sync files=37, longest=0.004 s, average=0.001 s; "
                + "distance=9632 kB, estimate=14880 kB")
        add(file, down.adding(seconds: 0.223), pid: postmaster, "LOG", "database system is shut down")

        let up = timeline.databaseStartup
        let newPostmaster = 1_187
        add(file, up, [.start], pid: newPostmaster, "LOG",
            "starting PostgreSQL 15.6 (Debian 15.6-0+deb12u1) on x86_64-pc-linux-gnu, "
                + "compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit")
        add(file, up.adding(seconds: 0.001), pid: newPostmaster, "LOG", "listening on IPv4 address \"0.0.0.0\", port 5432")
        add(file, up.adding(seconds: 0.001), pid: newPostmaster, "LOG", "listening on IPv6 address \"::\", port 5432")
        add(file, up.adding(seconds: 0.003), pid: newPostmaster, "LOG",
            "listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"")
        add(file, up.adding(seconds: 0.008), pid: 1_189, "LOG", "database system was shut down at 2025-03-12 03:40:02 WAT")
        add(file, up.adding(seconds: 0.012), [.error], pid: 1_191, "FATAL", "the database system is starting up")
        add(file, up.adding(seconds: 0.019), pid: newPostmaster, "LOG", "database system is ready to accept connections")
    }

    private func percent(_ buffers: Int) -> String {
        decimal(Double(buffers) / 16_384 * 100, places: 1)
    }

    private func decimal(_ value: Double, places: Int = 3) -> String {
        String(decimal: value, places: places)
    }
}
