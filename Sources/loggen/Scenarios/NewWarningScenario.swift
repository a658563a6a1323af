/// `samples/new-warning-message/`: auth-service 2.8.0, deployed at 10:14Z
/// (2025-07-15), ships a session cache too small for production: from its
/// start it logs `Session cache full (capacity 50000), evicting …` at WARN
/// about four times a minute. Nothing else changes — memory is flat, errors
/// keep their old rate, the old warnings go on — so the new message is the
/// only sign. catalog 3.5.0, deployed four minutes earlier, is innocent.
///
/// auth-service is Spring Boot (its default console pattern, UTC); catalog is a
/// Python service logging with `logging` (`%(asctime)s %(levelname)s [%(name)s]
/// %(message)s`). Both log ordinary warnings and errors all along.
struct NewWarningScenario: SampleScenario {
    let folder = "new-warning-message"

    private let logStart = LogInstant.utc(2025, 7, 15, 9, 0)
    private let logEnd = LogInstant.utc(2025, 7, 15, 12, 0)
    private let catalogDeploy = LogInstant.utc(2025, 7, 15, 10, 10, 5)
    private let authDeploy = LogInstant.utc(2025, 7, 15, 10, 14, 20)

    /// One JVM of auth-service.
    private struct AuthProcess {
        var version: String
        var pid: Int
        var started: LogInstant?
        var ended: LogInstant
        var ready: LogInstant? { started?.adding(seconds: 8.1) }
    }

    func build(using random: inout SplitMix64) -> ScenarioFiles {
        let processes = [
            AuthProcess(version: "2.7.3", pid: 7311, started: nil, ended: authDeploy.adding(seconds: 9.6)),
            AuthProcess(version: "2.8.0", pid: 8127, started: authDeploy.adding(seconds: 11.3), ended: logEnd),
        ]
        let deploys = DeploysFile(name: "deploys.csv", format: .csv, records: [
            DeployRecord(time: catalogDeploy, offset: .utc, service: "catalog", version: "3.5.0", kind: "deploy",
                         sha: "a41c9e0", actor: "argocd"),
            DeployRecord(time: authDeploy, offset: .utc, service: "auth-service", version: "2.8.0", kind: "deploy",
                         sha: "5d02b7f", actor: "argocd"),
        ])
        return ScenarioFiles(
            logs: [authLog(processes, using: &random), catalogLog(using: &random)],
            deploys: deploys,
            expected: ExpectedOutcome(
                tz: nil,
                topSuspect: .init(service: "auth-service", version: "2.8.0", change: "deploy", verdict: "likely"),
                notSuspects: ["catalog"]),
            readme: readme)
    }

    // MARK: auth-service (Spring Boot)

    private func authLog(_ processes: [AuthProcess], using random: inout SplitMix64) -> LogFile {
        let file = LogFile(service: "auth-service", name: "app.log")
        func process(at time: LogInstant) -> AuthProcess { processes.first { time < $0.ended } ?? processes[processes.count - 1] }
        func add(_ time: LogInstant, _ kinds: [EventKind] = [], level: String = "INFO", thread: String, logger: String,
                 _ message: String, throwable: String? = nil) {
            let pid = process(at: time).pid
            file.add(at: time, kinds) { buffer in
                SpringBootLine(time: time, offset: .utc, level: level, pid: pid, thread: thread, logger: logger,
                               message: message, throwable: throwable).write(to: &buffer)
            }
        }
        for process in processes {
            if let started = process.started {
                add(started, [.start], thread: "main", logger: "c.e.auth.AuthApplication",
                    "Starting AuthApplication v\(process.version) using Java 17.0.11 with PID \(process.pid) "
                        + "(/opt/auth-service/lib/auth-service.jar started by auth in /opt/auth-service)")
                add(started.adding(seconds: 0.004), thread: "main", logger: "c.e.auth.AuthApplication",
                    "The following 1 profile is active: \"prod\"")
                add(started.adding(seconds: 2.611), thread: "main", logger: "o.s.b.w.embedded.tomcat.TomcatWebServer",
                    "Tomcat initialized with port(s): 8080 (http)")
                add(started.adding(seconds: 5.870), [.warning], level: "WARN", thread: "main",
                    logger: "JpaBaseConfiguration$JpaWebConfiguration",
                    "spring.jpa.open-in-view is enabled by default. Therefore, database queries may be performed during "
                        + "view rendering. Explicitly configure spring.jpa.open-in-view to disable this warning")
                add(started.adding(seconds: 7.902), thread: "main", logger: "c.e.auth.AuthApplication",
                    "Started AuthApplication in 8.114 seconds (JVM running for 8.820)")
            }
            if process.ended < logEnd {
                add(process.ended.adding(seconds: -0.9), thread: "ionShutdownHook", logger: "o.s.b.w.embedded.tomcat.GracefulShutdown",
                    "Commencing graceful shutdown. Waiting for active requests to complete")
                add(process.ended.adding(seconds: -0.6), thread: "tomcat-shutdown", logger: "o.s.b.w.embedded.tomcat.GracefulShutdown",
                    "Graceful shutdown complete")
            }
            let from = process.ready ?? logStart.adding(seconds: 7)
            let baseMB = process.started == nil ? 418.0 : 409.0
            for time in ArrivalClock.periodic(from: from, to: process.ended, every: 30, jitter: 0.05, using: &random) {
                var text = LineBuffer()
                text.append("resident memory rss=")
                text.append(baseMB + random.double(in: -4...4), places: 1)
                text.append("MB")
                add(time, [.memory], thread: "scheduling-1", logger: "c.e.auth.metrics.MemoryReporter",
                    String(decoding: text.bytes, as: UTF8.self))
            }
            if process.version == "2.8.0" {
                // The regression: a cache sized for staging, full within a minute of the start.
                for time in ArrivalClock.arrivals(from: from.adding(seconds: 35), to: process.ended, perMinute: .constant(4),
                                                  using: &random) {
                    add(time, [.warning], level: "WARN", thread: "http-nio-8080-exec-\(random.int(in: 1...24))",
                        logger: "c.e.auth.session.SessionCache",
                        "Session cache full (capacity 50000), evicting least recently used entry for tenant t-\(random.int(in: 1_000...9_999))")
                }
            }
        }
        let clients = ["web-app", "web-app", "mobile-android", "mobile-ios", "partner-portal"]
        let running = { (time: LogInstant) in processes.contains { ($0.ready ?? logStart) <= time && time < $0.ended } }
        for time in ArrivalClock.arrivals(from: logStart, to: logEnd, perMinute: .constant(1.4), using: &random) where running(time) {
            add(time, thread: "http-nio-8080-exec-\(random.int(in: 1...24))", logger: "c.e.auth.web.TokenController",
                "Issued access token for client \(random.pick(clients)) (grant_type=refresh_token)")
        }
        // Ordinary trouble, before and after the deploy alike.
        for time in ArrivalClock.arrivals(from: logStart, to: logEnd, perMinute: .constant(0.4), using: &random) where running(time) {
            add(time, [.warning], level: "WARN", thread: "http-nio-8080-exec-\(random.int(in: 1...24))",
                logger: "com.zaxxer.hikari.pool.PoolBase",
                "HikariPool-1 - Failed to validate connection org.postgresql.jdbc.PgConnection@\(random.hex(8)) "
                    + "(This connection has been closed.). Possibly consider using a shorter maxLifetime value.")
        }
        for time in ArrivalClock.arrivals(from: logStart, to: logEnd, perMinute: .constant(0.25), using: &random) where running(time) {
            add(time, [.warning], level: "WARN", thread: "http-nio-8080-exec-\(random.int(in: 1...24))",
                logger: "c.e.auth.web.TokenController", "Rejected refresh token for client \(random.pick(clients)): token expired")
        }
        for time in ArrivalClock.arrivals(from: logStart, to: logEnd, perMinute: .constant(0.2), using: &random) where running(time) {
            if random.chance(0.8) {
                add(time, [.error], level: "ERROR", thread: "http-nio-8080-exec-\(random.int(in: 1...24))",
                    logger: "c.e.auth.web.TokenController",
                    "token validation failed for client \(random.pick(clients)): session lookup timed out")
            } else {
                add(time, [.error], level: "ERROR", thread: "http-nio-8080-exec-\(random.int(in: 1...24))",
                    logger: "c.e.auth.web.TokenController", "token validation failed", throwable: Self.lookupTimeout.text)
            }
        }
        return file
    }

    private static let lookupTimeout = JavaThrowable(
        header: "java.util.concurrent.TimeoutException: null",
        frames: [
            "java.base/java.util.concurrent.CompletableFuture.timedGet(CompletableFuture.java:1960)",
            "com.example.auth.session.SessionStore.lookup(SessionStore.java:88)",
            "com.example.auth.token.TokenValidator.validate(TokenValidator.java:61)",
            "com.example.auth.web.TokenController.introspect(TokenController.java:112)",
            "java.base/java.lang.Thread.run(Thread.java:840)",
        ])

    // MARK: catalog (Python logging)

    private func catalogLog(using random: inout SplitMix64) -> LogFile {
        let file = LogFile(service: "catalog", name: "app.log")
        func add(_ time: LogInstant, _ kinds: [EventKind] = [], level: String = "INFO", logger: String, _ message: String) {
            file.add(at: time, kinds) { PythonLoggingLine(time: time, level: level, logger: logger, message: message).write(to: &$0) }
        }
        let stopped = catalogDeploy.adding(seconds: -1.8)
        let started = catalogDeploy.adding(seconds: 1.2)
        let ready = started.adding(seconds: 2.4)
        add(stopped.adding(seconds: -0.3), logger: "catalog.app", "Shutting down: draining 0 open connections")
        add(started, [.start], logger: "catalog.app", "Starting catalog v3.5.0 (4 workers)")
        for (index, pid) in [14, 15, 16, 17].enumerated() {
            let time = started.adding(seconds: 0.8 + Double(index) * 0.21)
            add(time, logger: "catalog.app", "worker \(pid) booted")
            // Every worker of every version warns once at import: old news, though the logs show it only now.
            add(time.adding(seconds: 0.09), [.warning], level: "WARNING", logger: "py.warnings",
                "/app/catalog/db.py:41: SADeprecationWarning: The autoload parameter is deprecated and will be removed "
                    + "in a future release; use autoload_with")
        }
        let up = { (time: LogInstant) in time < stopped || time >= ready }
        for time in ArrivalClock.periodic(from: logStart.adding(seconds: 21), to: logEnd, every: 60, jitter: 0.02, using: &random)
        where up(time) {
            var text = LineBuffer()
            text.append("worker stats rss_mb=")
            text.append((time < stopped ? 186.0 : 181.0) + random.double(in: -2...2), places: 1)
            text.append(" threads=")
            text.append(random.int(in: 6...9))
            add(time, [.memory], logger: "catalog.metrics", String(decoding: text.bytes, as: UTF8.self))
        }
        for time in ArrivalClock.arrivals(from: logStart, to: logEnd, perMinute: .constant(2.2), using: &random) where up(time) {
            add(time, logger: "catalog.api", "product \(random.int(in: 100_000...999_999)) served from cache")
        }
        let regions = ["eu-west-1", "eu-central-1", "us-east-1"]
        for time in ArrivalClock.arrivals(from: logStart, to: logEnd, perMinute: .constant(0.3), using: &random) where up(time) {
            add(time, [.warning], level: "WARNING", logger: "catalog.pricing",
                "price feed for \(random.pick(regions)) is \(random.int(in: 61...240))s stale, serving cached prices")
        }
        let queries = ["running shoes", "usb-c hub", "rain jacket", "espresso grinder", "desk lamp"]
        for time in ArrivalClock.arrivals(from: logStart, to: logEnd, perMinute: .constant(0.12), using: &random) where up(time) {
            add(time, [.error], level: "ERROR", logger: "catalog.search",
                "search backend did not answer within 2.0s for query '\(random.pick(queries))'")
        }
        return file
    }

    private var readme: String {
        """
        # A new warning, and nothing else

        Written by `loggen samples`; do not edit by hand. All times are UTC (2025-07-15).

        ## What happened
        | UTC | event | where it shows |
        |---|---|---|
        | 09:00 → 12:00 | both services log their ordinary trouble: auth-service's HikariPool validation warnings, expired refresh tokens and session lookup timeouts; catalog's stale price feeds and search timeouts | `logs/*/app.log` |
        | 10:10:05 | catalog 3.5.0 is deployed (Argo CD); its four workers each print the deprecation warning every version prints at import | `deploys.csv`, `logs/catalog/app.log` |
        | 10:14:20 | auth-service 2.8.0 is deployed; the new JVM starts at 10:14:31 (`Starting AuthApplication v2.8.0`) with Spring's one-off `open-in-view` warning | `deploys.csv`, `logs/auth-service/app.log` |
        | 10:15 → 12:00 | auth-service 2.8.0 logs `Session cache full (capacity 50000), evicting least recently used entry for tenant …` at WARN, about 4 a minute: its cache is sized for staging | `logs/auth-service/app.log` |
        | all along | auth-service RSS flat (~410 MB), its error rate unchanged (~0.2/min); catalog flat too | `rss=`, `rss_mb=` lines |

        Users are logged out early and sign in again; nothing fails outright, so the
        only sign in the logs is the new warning.

        ## Files
        - `logs/auth-service/app.log`: Spring Boot's default console pattern, UTC without an offset.
        - `logs/catalog/app.log`: Python `logging`, `%(asctime)s %(levelname)s [%(name)s] %(message)s`.
        - `deploys.csv`: the two Argo CD syncs.

        ```
        culprit analyze samples/new-warning-message/logs --deploys samples/new-warning-message/deploys.csv
        ```

        ## What culprit should conclude
        auth-service's deploy of 2.8.0 at 10:14Z is the **likely** culprit on the
        strength of one message new since it, frequent and steady. The warnings and
        errors both services logged before their deploys go on at the same rate and
        say nothing; the one-off start-up warnings are too few to count. catalog's
        deploy is not suspected. `expected.json` holds the answer and the number of
        events of each kind per service (warnings included).

        """
    }
}
