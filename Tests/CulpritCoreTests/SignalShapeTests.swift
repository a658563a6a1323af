import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritIngest
@testable import CulpritExtract

/// Real line shapes from runtimes, tools and public issue threads: each must
/// give the intended event with the built-in packs, and the negatives beside
/// them (limits, totals, configuration values) must not.
@Suite struct SignalShapeTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var line: String
        var kind: EventKind
        var value: Double?
        var service: String?
        var dependency: String?
        var version: String?? = .none
        var testDescription: String { String(line.prefix(60)) }
    }

    static let shapes: [Shape] = [
        // A Java service's periodic heap report (seen in real runs of a JVM service).
        Shape(line: "2025-03-12T01:00:00Z INFO heap stats used=315MB committed=1536MB", kind: .memory, value: 315 * 1_048_576),
        // Redis `INFO memory` (redis.io/docs/latest/commands/info).
        Shape(line: "used_memory:1256194048", kind: .memory, value: 1_256_194_048),
        // Go GODEBUG=gctrace=1 (pkg.go.dev/runtime): the live heap after GC is the third figure.
        Shape(line: "gc 112 @431.104s 2%: 0.031+2.1+0.024 ms clock, 0.25+0.41/4.0/9.8+0.19 ms cpu, 45->46->23 MB, 47 MB goal, 0 MB stacks, 0 MB globals, 8 P",
              kind: .memory, value: 23 * 1_048_576),
        // The kernel's memcg report before a kill (LKML 2019).
        Shape(line: "[337533.314322] memory: usage 51200kB, limit 51200kB, failcnt 840635", kind: .memory, value: 51_200 * 1024),
        // systemd 252+ when a unit stops.
        Shape(line: "Mar 12 03:15:02 web-1 systemd[1]: auth.service: Consumed 3min 12.004s CPU time, 1.4G memory peak.",
              kind: .memory, value: 1.4 * 1_073_741_824, service: "auth"),
        // dotnet-counters monitor (learn.microsoft.com, dotnet-counters).
        Shape(line: "    Working Set (MB)                                   587", kind: .memory, value: 587 * 1_048_576),
        // kubelet's structured log of an OOM kill (kubernetes/kubernetes issues).
        Shape(line: #"I0312 03:15:02.123456    1234 kuberuntime_container.go:709] "Killing container with a grace period" pod="prod/pricing-2aa79" podUID="5f1c" containerName="pricing" containerID="containerd://4f1" gracePeriod=30 reason="OOMKilled""#,
              kind: .oom, service: "pricing"),
        Shape(line: "[812345.678901] Task in /kubepods/burstable/pod5f1c/4f1 killed as a result of limit of /kubepods/burstable/pod5f1c", kind: .oom),
        Shape(line: "[812345.678901] Process core-dump-agent (pid: 4242) triggered an OOM kill on itself.", kind: .oom, service: "core-dump-agent"),
        Shape(line: #"time="2025-03-12T03:15:02.123456789Z" level=info msg="TaskOOM event container_id:\"4f1a\"""#, kind: .oom),
        // Elasticsearch's JvmGcMonitorService.
        Shape(line: "[2025-03-12T03:15:02,123][WARN ][o.e.m.j.JvmGcMonitorService] [node-1] [gc][10] overhead, spent [316ms] collecting in the last [1s]",
              kind: .gc, value: 0.316),
        // A real microservice dataset's WARN-level failure, and HDFS's (LogHub).
        Shape(line: "2025-03-12 03:15:02,123 WARN [http-1] c.e.OrderService - [getOrderById][Get Order By ID Fail][Order not found]", kind: .warning),
        Shape(line: "081109 213845 2587 WARN dfs.DataNode$DataXceiver: 10.251.194.213:50010:Got exception while serving blk_-7724713468912166542 to /10.251.203.80:",
              kind: .warning),
        // A client's Redis error is an error about redis, never an OOM of the client (redis-py).
        Shape(line: "redis.exceptions.ResponseError: OOM command not allowed when used memory > 'maxmemory'.", kind: .error, dependency: "redis"),
        Shape(line: "org.postgresql.util.PSQLException: FATAL: sorry, too many clients already", kind: .error, dependency: "postgres"),
        Shape(line: #"ts=2024-05-07T11:59:43Z level=error msg="request failed" error="dial tcp 10.0.0.4:8081: connect: connection refused""#,
              kind: .error, dependency: "10.0.0.4:8081"),
        Shape(line: #"2025/03/12 03:15:02 [error] 31#31: *812 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.1, server: api, request: "GET /auth HTTP/1.1", upstream: "http://auth-service:8080/auth""#,
              kind: .error, dependency: "auth-service:8080"),
        // A server's own version is not the service's.
        Shape(line: "[2025-03-12 03:15:02 +0000] [1] [INFO] Starting gunicorn 27.0.1", kind: .start, version: .some(nil)),
        Shape(line: "2025-08-13 01:45:01.123 PDT [12345] LOG:  starting PostgreSQL 15.4 on x86_64-pc-linux-gnu, compiled by gcc",
              kind: .start, service: "postgres", version: .some("15.4")),
        // A cgroup's own memory files, in bytes (the kernel's cgroup v2 documentation).
        Shape(line: "2025-05-24T23:00:00+00:00 memory.current=869675173 memory.max=3221225472", kind: .memory, value: 869_675_173),
        // A JSON line forwarded by rsyslog or journald behind a syslog header.
        Shape(line: #"Jan  4 12:20:47 media-01 media-service[3952]: {"level":30,"time":1704367247000,"msg":"mem","rss":323006728,"heapUsed":200264171}"#,
              kind: .memory, value: 323_006_728, service: "media-service"),
        Shape(line: #"<14>1 2024-01-04T12:20:47.000+01:00 media-01 media-service 3952 - [meta x="1"] {"level":30,"msg":"mem","rss":323006728}"#,
              kind: .memory, value: 323_006_728, service: "media-service"),
        // pino under systemd, read with `journalctl -o json`: stdout's PRIORITY is 6 for every
        // line, the record's own level (escaped inside MESSAGE) says error or warning.
        Shape(line: #"{"__REALTIME_TIMESTAMP":"1735127475987936","PRIORITY":"6","_TRANSPORT":"stdout","SYSLOG_IDENTIFIER":"pricing","MESSAGE":"{\"level\":50,\"time\":1735127475987,\"msg\":\"request failed\"}","_SYSTEMD_UNIT":"pricing.service"}"#,
              kind: .error, service: "pricing"),
        Shape(line: #"{"__REALTIME_TIMESTAMP":"1735127475987936","PRIORITY":"6","_TRANSPORT":"stdout","SYSLOG_IDENTIFIER":"pricing","MESSAGE":"{\"level\":40,\"time\":1735127475987,\"msg\":\"unable to publish audit event 104564, will retry\"}","_SYSTEMD_UNIT":"pricing.service"}"#,
              kind: .warning, service: "pricing"),
        // A Go service's klog lines behind rsyslog's header: the level letter is the record's level.
        Shape(line: #"Jul  1 01:32:57 catalog-01 catalog[25550]: W0630 22:32:57.190708   25550 jobs/runner.go:36] "could not refresh pricing rules" sku="36eb""#,
              kind: .warning, service: "catalog"),
        Shape(line: #"Jul  1 01:32:57 catalog-01 catalog[25550]: E0630 22:32:57.190708   25550 server.go:36] "request failed" err="boom""#,
              kind: .error, service: "catalog"),
        // zap's and pino's error beside the message: the error names the dependency (go-redis, ioredis).
        Shape(line: #"{"level":"error","ts":1741745702.123,"msg":"cache get failed","error":"dial tcp 10.96.0.15:6379: connect: connection refused"}"#,
              kind: .error, dependency: "redis"),
        Shape(line: #"{"level":50,"time":1741745702123,"msg":"cache write failed","err":{"type":"ReplyError","message":"MISCONF Redis is configured to save RDB snapshots"}}"#,
              kind: .error, dependency: "redis"),
        // PostgreSQL's own FATAL is postgres's error, not a failure of a dependency named postgres.
        Shape(line: "2025-03-12 01:50:00.123 UTC [123] FATAL:  sorry, too many clients already", kind: .error, service: "postgres"),
        // supervisord names the program that died.
        Shape(line: "2026-12-02 06:29:46,750 WARN exited: orders (terminated by SIGABRT; not expected)", kind: .error, service: "orders"),
    ]

    static let negatives = [
        "memory: total=16GB used=8GB",
        // klog at info behind a syslog header, its message naming an error: the letter says info.
        #"Jul  1 01:32:57 catalog-01 catalog[25550]: I0630 22:32:57.190708   25550 retry.go:36] "retrying after error" attempt=2"#,
        "used_memory_peak:2256194048",
        "maxmemory:2147483648",
        "heap stats committed=1536MB max=2048MB",
        "    GC Committed Bytes (MB)                            900",
        "[337533.314322] memory+swap: usage 524288kB, limit 9007199254740988kB, failcnt 0",
        "maxmemory-policy allkeys-lru",
        "connected to redis at 10.0.0.4:6379",
        // Redis failing to fork for a background save keeps serving: no OOM kill.
        "4690:M 26 Jul 2025 00:50:41.776 # Can't save in background: fork: Cannot allocate memory",
    ]

    private func events(of line: String, file: String = "shapes/app.log") throws -> [LogEvent] {
        try extractWithBuiltIns(line + "\n", displayPath: file).events
    }

    @Test(arguments: shapes)
    func realShapeGivesItsEvent(_ shape: Shape) throws {
        // An OOM kill's named container or process is its service in a node's log (kubelet.log, kern.log).
        let file = shape.service == "postgres" ? "postgres/postgresql.log" : shape.kind == .oom ? "kubelet.log" : "shapes/app.log"
        let found = try events(of: shape.line, file: file)
        let event = try #require(found.first { $0.kind == shape.kind }, "\(found.map(\.kind))")
        if let value = shape.value { #expect(abs((event.value ?? -1) - value) < 1, "\(event.value ?? -1)") }
        if let service = shape.service { #expect(event.service == service) }
        #expect(event.dependency == shape.dependency)
        if case .some(let version) = shape.version { #expect(event.version == version) }
        if shape.dependency != nil { #expect(!found.contains { $0.kind == .oom }) }
    }

    @Test(arguments: negatives)
    func limitsTotalsAndSettingsAreNoUsage(_ line: String) throws {
        let found = try events(of: line)
        #expect(!found.contains { $0.kind == .memory || $0.kind == .oom || $0.kind == .error }, "\(found.map { ($0.kind, $0.patternID) })")
    }

    @Test func severalMemoryFiguresGiveTheResidentOneWhateverTheirOrder() throws {
        // pino's process.memoryUsage() fields, as real Node runs print them.
        for line in [#"{"level":30,"time":1741745702123,"msg":"mem","heapUsed":6169824,"rss":50515968}"#,
                     #"{"level":30,"time":1741745702123,"msg":"mem","rss":50515968,"heapUsed":6169824}"#] {
            let event = try #require(try events(of: line).first { $0.kind == .memory })
            #expect(event.value == 50_515_968)
        }
        let heapOnly = try #require(try events(of: #"{"time":"2025-03-12T03:15:02Z","msg":"stats","heap_used_bytes":123456789}"#).first)
        #expect(heapOnly.value == 123_456_789)
    }

    @Test func zapsDurationFieldBesideARequestMessageIsItsLatency() throws {
        let line = #"{"level":"info","ts":1741745702.123,"msg":"request completed","method":"GET","path":"/api/orders","status":200,"duration":0.018343}"#
        let event = try #require(try events(of: line).first { $0.kind == .http })
        #expect(event.duration == 0.018343)
    }

    @Test func ecsEventDurationIsNanoseconds() throws {
        let line = #"{"@timestamp":"2025-03-12T03:15:02.123Z","log.level":"info","message":"request done","event.duration":500000,"http.response.status_code":200}"#
        let event = try #require(try events(of: line).first { $0.kind == .http })
        #expect(event.duration == 0.0005)
    }
}
