/// What a drawn service is: its part in the system and the software that writes
/// its logs.
enum ServiceRole: String, Sendable {
    case app, gateway, redis, postgres
}

/// The software whose default output a service's log has.
enum ServiceRuntime: String, CaseIterable, Sendable {
    /// Spring Boot 2's default console pattern, local time without an offset.
    case springBoot2 = "spring-boot-2"
    /// Spring Boot 3.2+'s default console pattern: ISO time with offset, application name.
    case springBoot3 = "spring-boot-3"
    /// A logback pattern with `%d{ISO8601}` (comma millis, no offset).
    case logback
    /// gunicorn's error and access logs plus the app's Python `logging` lines.
    case gunicorn
    /// gunicorn plus structlog's JSON renderer for the app's own records.
    case structlog
    /// Node.js pino JSON with pino-http request records.
    case pino
    /// Go zap's production JSON encoder (epoch-second float `ts`).
    case zap
    /// Go go-kit logfmt.
    case logfmt
    /// Go klog (the glog header).
    case klog
    /// nginx combined access log and error log.
    case nginx
    /// Envoy's default access log format.
    case envoy
    /// redis-server's own log.
    case redis
    /// PostgreSQL with `log_line_prefix = '%m [%p] '` (the Docker image's default).
    case postgres

    static let appRuntimes: [ServiceRuntime] = [.springBoot2, .springBoot3, .logback, .gunicorn, .structlog, .pino,
                                                .zap, .logfmt, .klog]

    var isJVM: Bool { self == .springBoot2 || self == .springBoot3 || self == .logback }
    var isGo: Bool { self == .zap || self == .logfmt || self == .klog }
    var isPython: Bool { self == .gunicorn || self == .structlog }

    /// The memory reports this runtime's software writes by itself or through a
    /// common library call.
    var memoryStyles: [MemoryStyle] {
        switch self {
        case .springBoot2, .springBoot3, .logback: return [.jvmGCLog, .jvmGCLog, .cgroup]
        case .zap, .logfmt, .klog: return [.goGCTrace, .goRuntimeStats, .goRuntimeStats, .cgroup]
        case .pino: return [.nodeMemoryUsage, .nodeMemoryUsage, .cgroup]
        case .gunicorn, .structlog: return [.pythonRSS, .pythonRSS, .cgroup]
        case .redis: return [.redisInfo]
        case .nginx, .envoy, .postgres: return [.none]
        }
    }
}

/// How a service reports its memory.
enum MemoryStyle: String, Sendable {
    /// `-Xlog:gc` unified logging: heap before → after (capacity) per pause.
    case jvmGCLog = "jvm-gc-log"
    /// `GODEBUG=gctrace=1` lines on stderr: `gc 12 @34.5s 2%: … 45->46->23 MB, 47 MB goal, …`.
    case goGCTrace = "go-gctrace"
    /// A periodic record of `runtime.ReadMemStats` / runtime/metrics figures.
    case goRuntimeStats = "go-runtime-stats"
    /// `process.memoryUsage()` logged every few seconds (rss, heapTotal, heapUsed…).
    case nodeMemoryUsage = "node-memory-usage"
    /// psutil's `memory_info().rss` logged by the app.
    case pythonRSS = "python-psutil-rss"
    /// `redis-cli INFO memory` sampled by a cron job, each block under a `date` line.
    case redisInfo = "redis-info"
    /// A sidecar reading the container's cgroup v2 `memory.current` and `memory.max`.
    case cgroup = "cgroup-memory-current"
    /// No memory figure at all.
    case none
}

/// Where a service runs, which decides how its logs are collected.
enum Platform: String, Sendable, CaseIterable {
    case kubernetes, docker, vm

    /// The transports used on this platform.
    var transports: [Transport] {
        switch self {
        case .kubernetes: return [.cri, .kubectl, .kubectl, .plain]
        case .docker: return [.dockerText, .dockerJSON, .plain]
        case .vm: return [.plain, .plain, .journaldShortISO, .journaldJSON, .journaldExport, .syslog3164, .syslog5424]
        }
    }
}

/// How a service's lines reached the files culprit reads.
enum Transport: String, Sendable {
    /// The service's own files as it wrote them (or `kubectl logs POD > POD.log`).
    case plain
    /// kubelet's CRI files under `/var/log/pods/<ns>_<pod>_<uid>/<container>/0.log`.
    case cri
    /// `kubectl logs --prefix --timestamps --all-containers`, every pod in one file.
    case kubectl
    /// `docker logs -t NAME`.
    case dockerText = "docker-t"
    /// Docker's json-file driver: `{"log":"…\n","stream":"stdout","time":"…"}`.
    case dockerJSON = "docker-json-file"
    /// `journalctl -o short-iso`, one file per host.
    case journaldShortISO = "journald-short-iso"
    /// `journalctl -o json`, one file per host.
    case journaldJSON = "journald-json"
    /// `journalctl -o export` of a service that logs to the journal directly
    /// (one entry per record, a stack trace included), one file per host.
    case journaldExport = "journald-export"
    /// rsyslog's `/var/log/syslog` (RFC 3164, local time, no year).
    case syslog3164 = "syslog-rfc3164"
    /// RFC 5424 syslog lines as rsyslog's `RSYSLOG_SyslogProtocol23Format` writes them.
    case syslog5424 = "syslog-rfc5424"

    /// Whether the transport stamps each line with a time of its own.
    var stampsTime: Bool { self != .plain }
}
