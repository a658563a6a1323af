/// The outage of 2025-03-12 (see `shared/incident-2025-03-12.md`) as times and
/// curves, in West Africa Time (UTC+1), the zone the logs were written in.
///
/// Every log of the scenario reads from this one timeline, so the files agree:
/// auth-service's memory grows from its 01:50 deploy, it fails requests from
/// 03:05, the edge returns 503s from 03:15, the database slows from 03:20, the
/// kernel kills auth-service at 04:22, it is started again at 04:30 (same
/// version) and rolled back to 2.3.0 at 05:00; the edge is clean by 05:30.
struct AuthLeakTimeline {
    static let zone = UTCOffset.wat

    /// A wall-clock time on 2025-03-12 in WAT.
    static func wat(_ hour: Int, _ minute: Int, _ second: Double = 0) -> LogInstant {
        .local(2025, 3, 12, hour, minute, second, offset: zone)
    }

    /// One auth-service JVM: from systemd's `Started` to its stop or its kill.
    struct AuthProcess {
        var pid: Int
        var version: String
        /// When systemd started it; nil for the process already running at 01:00.
        var started: LogInstant?
        var ended: LogInstant
        var killedByKernel: Bool

        /// When Spring Boot logs `Starting AuthApplication v…`.
        var startingLine: LogInstant? { started?.adding(seconds: 4.312) }
        /// When the application is up and its memory reporter begins; nil for the
        /// process already running when the logs start.
        var ready: LogInstant? { started?.adding(seconds: 12.5) }
    }

    let logStart = wat(1, 0)
    let logEnd = wat(5, 45)
    let frontendDeploy = wat(1, 12, 30)
    let deploy = wat(1, 50)
    let firstAuthErrors = wat(3, 5)
    let edgeOutage = wat(3, 15)
    let slowQueries = wat(3, 20)
    let databaseShutdown = wat(3, 40, 2.117)
    let databaseStartup = wat(3, 44, 21.530)
    let oomKill = wat(4, 22, 41.402)
    let restart = wat(4, 30, 5.020)
    let rollback = wat(5, 0)
    let recovered = wat(5, 30)

    /// auth-service's JVMs, oldest first.
    let processes: [AuthProcess] = [
        AuthProcess(pid: 28_814, version: "2.3.0", started: nil, ended: wat(1, 50, 1.204), killedByKernel: false),
        AuthProcess(pid: 40_213, version: "2.3.1", started: wat(1, 50, 3.118), ended: wat(4, 22, 41.402),
                    killedByKernel: true),
        AuthProcess(pid: 51_877, version: "2.3.1", started: wat(4, 30, 5.020), ended: wat(5, 0, 1.316),
                    killedByKernel: false),
        AuthProcess(pid: 53_120, version: "2.3.0", started: wat(5, 0, 3.447), ended: wat(5, 45), killedByKernel: false),
    ]

    /// auth-service resident memory: ~400 MB flat on 2.3.0; on 2.3.1 ~10.6 MB/min
    /// from the deploy until the kill at ~2 GB, then 17.5 MB/min after the restart
    /// (clients retrying re-authenticate at a higher rate); flat again on 2.3.0.
    let memory = MemoryLeakProfile(
        phases: [
            .init(start: wat(1, 0), baseMB: 398, slopeMBPerMinute: 0),
            .init(start: wat(1, 50, 15), baseMB: 385, slopeMBPerMinute: 10.6),
            .init(start: wat(4, 30, 17), baseMB: 372, slopeMBPerMinute: 17.5),
            .init(start: wat(5, 0, 15), baseMB: 394, slopeMBPerMinute: 0),
        ],
        noiseMB: 3.5, sawtoothMB: 12, sawtoothPeriod: 240)

    /// auth-service failed requests a minute, per window of the process that fails.
    let authErrorWindows: [(start: LogInstant, end: LogInstant, perMinute: RateSchedule)] = [
        (wat(3, 5), wat(4, 22, 41.402),
         RateSchedule([(wat(3, 5), 0.6), (wat(3, 10), 2.5), (wat(3, 15), 5), (wat(3, 45), 8), (wat(4, 22), 9)])),
        (wat(4, 38), wat(5, 0, 1.316),
         RateSchedule([(wat(4, 38), 0.3), (wat(4, 48), 3), (wat(5, 0), 6)])),
        (wat(5, 0, 20), wat(5, 18),
         RateSchedule([(wat(5, 0, 20), 2.5), (wat(5, 18), 0.1)])),
    ]

    /// Requests a minute reaching the edge (clients retry during the outage).
    let edgeRequestsPerMinute = RateSchedule([
        (wat(1, 0), 7), (wat(3, 0), 5.5), (wat(3, 15), 9), (wat(5, 0), 9), (wat(5, 30), 7), (wat(5, 45), 7.5),
    ])

    /// Share of edge requests answered 503/504: none before 03:15, ~80% until the
    /// kill, all while auth-service is down, little just after the restart, rising
    /// again, then fading out after the rollback.
    func edgeFailureShare(at time: LogInstant) -> Double {
        if time < edgeOutage { return 0 }
        if time >= oomKill, time < restart.adding(seconds: 6) { return 1 }
        return edgeFailureCurve.value(at: time)
    }

    private let edgeFailureCurve = RateSchedule([
        (wat(3, 15), 0.55), (wat(3, 18), 0.8), (wat(4, 22), 0.8),
        (wat(4, 30, 11), 0.05), (wat(4, 40), 0.1), (wat(4, 50), 0.45), (wat(5, 0), 0.6),
        (wat(5, 5), 0.5), (wat(5, 28), 0),
    ])

    /// Whether auth-service is alive but too slow, so nginx times out (504)
    /// rather than finding no live upstream (503).
    func authIsSlowButAlive(at time: LogInstant) -> Bool {
        (time >= edgeOutage && time < oomKill) || (time >= Self.wat(4, 45) && time < rollback)
    }

    /// Median `$request_time` of requests that succeed, in seconds.
    let edgeLatencySeconds = RateSchedule([
        (wat(1, 0), 0.21), (wat(2, 55), 0.22), (wat(3, 5), 0.45), (wat(3, 15), 2), (wat(3, 30), 7.5),
        (wat(4, 20), 13.5), (wat(4, 30, 10), 0.6), (wat(4, 42), 0.7), (wat(4, 55), 6), (wat(5, 0), 7),
        (wat(5, 30), 0.22),
    ])

    /// PostgreSQL statements over `log_min_duration_statement` (1 s) a minute.
    let slowQueriesPerMinute = RateSchedule([
        (wat(3, 20), 0.8), (wat(3, 30), 3.5), (wat(4, 20), 4), (wat(4, 22, 41), 1), (wat(4, 30), 0.3),
        (wat(4, 45), 0.5), (wat(4, 55), 3), (wat(5, 5), 2), (wat(5, 20), 0.05),
    ])

    /// Median duration of those statements, in milliseconds.
    let slowQueryMilliseconds = RateSchedule([
        (wat(3, 20), 1_400), (wat(4, 20), 5_200), (wat(5, 0), 3_000), (wat(5, 20), 1_100),
    ])

    /// Whether PostgreSQL is down for the 03:40 scale-up.
    func databaseIsDown(at time: LogInstant) -> Bool {
        time >= databaseShutdown && time < databaseStartup
    }
}
