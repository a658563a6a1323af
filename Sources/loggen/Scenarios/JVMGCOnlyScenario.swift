/// `samples/jvm-gc-only/`: ledger (a Spring Boot service) logs no memory figure
/// of its own; its heap shows only in the JVM's GC log. After the 14:00Z deploy of
/// 5.2.0 (2025-06-10) the heap left after each collection grows until the JVM
/// throws `OutOfMemoryError: Java heap space` at 16:11Z.
///
/// Two JVMs, two GC files: the JVM rotates `gc.log` to `gc.log.0` when it starts,
/// so `gc.log.0` is 5.1.4's and `gc.log` is 5.2.0's. There is no deploys file: the
/// change is the version in the `Starting LedgerApplication v…` lines.
struct JVMGCOnlyScenario: SampleScenario {
    let folder = "jvm-gc-only"

    private let logStart = LogInstant.utc(2025, 6, 10, 12, 30)
    private let deploy = LogInstant.utc(2025, 6, 10, 14, 0)
    private let firstOOM = LogInstant.utc(2025, 6, 10, 16, 11, 4.518)
    private let logEnd = LogInstant.utc(2025, 6, 10, 16, 15)

    func build(using random: inout SplitMix64) -> ScenarioFiles {
        let oldJVM = logStart.adding(seconds: 2.207)
        let oldStop = deploy.adding(seconds: 4.913)
        let newJVM = deploy.adding(seconds: 11.406)
        let heap = MemoryLeakProfile(
            phases: [.init(start: oldJVM, baseMB: 505, slopeMBPerMinute: 0),
                     .init(start: newJVM.adding(seconds: 30), baseMB: 462, slopeMBPerMinute: 12.1)],
            noiseMB: 9, sawtoothMB: 0, sawtoothPeriod: 1)
        let simulator = G1HeapSimulator(capacityMB: 2_048)
        let oldGC = LogFile(service: "ledger", name: "gc.log.0")
        simulator.write(to: oldGC, heap: heap, from: oldJVM, to: oldStop, using: &random)
        let newGC = LogFile(service: "ledger", name: "gc.log")
        simulator.write(to: newGC, heap: heap, from: newJVM, to: logEnd, using: &random)
        let app = applicationLog(oldJVM: oldJVM, oldStop: oldStop, newJVM: newJVM, using: &random)
        return ScenarioFiles(
            logs: [app, oldGC, newGC], deploys: nil,
            expected: ExpectedOutcome(
                tz: nil,
                topSuspect: .init(service: "ledger", version: "5.2.0", change: "deploy", verdict: "likely"),
                notSuspects: []),
            readme: readme)
    }

    private func applicationLog(oldJVM: LogInstant, oldStop: LogInstant, newJVM: LogInstant,
                                using random: inout SplitMix64) -> LogFile {
        let file = LogFile(service: "ledger", name: "ledger.log")
        func add(_ time: LogInstant, _ kinds: [EventKind] = [], level: String = "INFO", thread: String = "main",
                 logger: String, _ message: String, throwable: String? = nil) {
            file.add(at: time, kinds) { buffer in
                LogbackISOLine(time: time, level: level, thread: thread, logger: logger, message: message,
                               throwable: throwable).write(to: &buffer)
            }
        }
        for (jvm, version) in [(oldJVM, "5.1.4"), (newJVM, "5.2.0")] {
            let start = jvm.adding(seconds: 1.874)
            add(start, [.start], logger: "LedgerApplication",
                "Starting LedgerApplication v\(version) using Java 17.0.11 with PID 1 (/app/ledger.jar started by app in /app)")
            add(start.adding(seconds: 0.011), logger: "LedgerApplication",
                "The following 2 profiles are active: \"kubernetes\", \"production\"")
            add(start.adding(seconds: 3.620), logger: "KafkaConsumerConfig",
                "Subscribing consumer group ledger-postings to topic payments.settled")
            add(start.adding(seconds: 6.912), logger: "LedgerApplication",
                "Started LedgerApplication in 7.402 seconds (process running for 9.277)")
        }
        add(oldStop.adding(seconds: -0.6), thread: "SpringApplicationShutdownHook", logger: "GracefulShutdown",
            "Commencing graceful shutdown. Waiting for active requests to complete")
        add(oldStop.adding(seconds: -0.3), thread: "tomcat-shutdown", logger: "GracefulShutdown",
            "Graceful shutdown complete")

        let accounts = ["acct-merchant-2231", "acct-merchant-8810", "acct-fees", "acct-settlement-ngn",
                        "acct-merchant-0457", "acct-refunds"]
        var entry = 418_220
        let isDown: (LogInstant) -> Bool = { $0 >= oldStop.adding(seconds: -1) && $0 < newJVM.adding(seconds: 10) }
        for time in ArrivalClock.arrivals(from: oldJVM.adding(seconds: 12), to: logEnd, perMinute: .constant(2.4),
                                          using: &random) where !isDown(time) && time < firstOOM {
            entry += random.int(in: 1...40)
            let thread = "ledger-postings-\(random.below(4))"
            if random.chance(0.015) {
                add(time, [.error], level: "ERROR", thread: thread, logger: "LedgerEventPublisher",
                    "Failed to publish LedgerPosted for JE-\(entry): NOT_ENOUGH_REPLICAS from ledger-events-3")
            } else {
                let lines = random.int(in: 2...4)
                let amount = random.int(in: 5...900) * 500
                add(time, thread: thread, logger: "JournalService",
                    "Posted journal entry JE-\(entry) (\(lines) lines, NGN \(amount).00) to \(random.pick(accounts))")
            }
        }
        for time in ArrivalClock.arrivals(from: LogInstant.utc(2025, 6, 10, 15, 48), to: firstOOM,
                                          perMinute: .constant(0.25), using: &random) {
            add(time, level: "WARN", thread: "HikariPool-1 housekeeper", logger: "HikariPool",
                "HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=\(random.int(in: 31...58))s"
                    + "\(random.int(in: 100...999))ms).")
        }
        for (offset, worker) in [(0.0, 4), (35.183, 9)] {
            add(firstOOM.adding(seconds: offset), [.error, .oom], level: "ERROR", thread: "http-nio-8080-exec-\(worker)",
                logger: "[dispatcherServlet]",
                "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception "
                    + "[Handler dispatch failed: java.lang.OutOfMemoryError: Java heap space] with root cause",
                throwable: Self.heapSpace.text)
        }
        return file
    }

    private static let heapSpace = JavaThrowable(
        header: "java.lang.OutOfMemoryError: Java heap space",
        frames: [
            "java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
            "java.base/java.util.ArrayList.grow(ArrayList.java:237)",
            "java.base/java.util.ArrayList.add(ArrayList.java:486)",
            "com.example.ledger.statement.StatementAssembler.collect(StatementAssembler.java:94)",
            "com.example.ledger.statement.StatementService.monthly(StatementService.java:57)",
            "com.example.ledger.web.StatementController.get(StatementController.java:41)",
            "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
            "java.base/java.lang.Thread.run(Thread.java:840)",
        ])

    private var readme: String {
        """
        # A JVM leak visible only in the GC log

        Written by `loggen samples`; do not edit by hand. All times are UTC (2025-06-10).

        ## What happened
        | UTC | event | where it shows |
        |---|---|---|
        | 12:30:04 | ledger 5.1.4 starts; heap after GC flat around 500 MB of 2048 MB | `logs/ledger/ledger.log`, `logs/ledger/gc.log.0` |
        | 14:00:00 | ledger 5.2.0 replaces it (`Starting LedgerApplication v5.2.0` at 14:00:13) | `ledger.log` |
        | 14:00 → 16:00 | post-GC heap (`…M->NNNM(2048M)`) grows ~12 MB/min; concurrent cycles from ~14:40, mixed collections | `logs/ledger/gc.log` |
        | ~15:57 → | heap nearly full: `To-space exhausted`, `Pause Full (G1 Compaction Pause)` of 1.4 s to 2.9 s | `gc.log` |
        | 16:11:04, 16:11:39 | `java.lang.OutOfMemoryError: Java heap space` with stack traces | `ledger.log` |

        ## Files
        - `logs/ledger/ledger.log`: logback `%d{ISO8601} %level [%thread] %logger{0}: %msg`, UTC without an offset.
        - `logs/ledger/gc.log.0`, `logs/ledger/gc.log`: JVM unified logging, `-Xlog:gc:file=gc.log:time,level,tags`.

        No deploys file: the deploy is the version change between the two `Starting` lines.

        ```
        culprit analyze samples/jvm-gc-only/logs
        ```

        ## What culprit should conclude
        The start of ledger 5.2.0 at 14:00Z is a deploy (new version) and the **likely**
        culprit: the heap left after each collection was flat under 5.1.4 and grows
        steadily from 5.2.0's start until the OutOfMemoryError. Each GC pause line counts
        as one `gc` and one `memory` event (post-GC heap, capacity as limit); each
        OutOfMemoryError record (header line plus stack trace) as one `error` and one
        `oom` event. `expected.json` holds the counts.

        """
    }
}
