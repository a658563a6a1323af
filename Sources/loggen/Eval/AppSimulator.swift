/// Writes one application's logs over an incident: start-ups and shutdowns of
/// each process lifetime, its requests (and the gateway's record of each),
/// errors of its own and from its dependencies, memory readings in its runtime's
/// style, the runtime's own out-of-memory report, and ordinary background lines.
final class AppSimulator {
    let plan: ServicePlan
    let formatter: AppFormatter
    /// The app's own log (stdout/stderr of its container).
    let main: LogFile
    /// gunicorn's access log when it is a file of its own.
    private let access: LogFile
    /// The JVM's GC log when it is a file of its own.
    private let gc: LogFile
    /// A cgroup-reading sidecar's output.
    private let monitor: LogFile?
    private let logsRequests: Bool
    private let logsVersion: Bool
    private let accessMicros: Bool
    private let pythonWorkers: [Int]
    private let address: String
    /// A stretch before the first change in which the log shipper lost lines.
    private let gap: (LogInstant, LogInstant)?

    /// Every file this app writes.
    var files: [LogFile] {
        var all = [main]
        if access !== main { all.append(access) }
        if gc !== main { all.append(gc) }
        if let monitor { all.append(monitor) }
        return all
    }

    init(plan: ServicePlan, incident: IncidentPlan, using random: inout SplitMix64) {
        self.plan = plan
        let basic = plan.runtime == .gunicorn && plan.transport.stampsTime && plan.transport != .syslog3164
            && random.chance(0.3)
        formatter = AppFormatter(runtime: plan.runtime, service: plan.name, offset: plan.offset,
                                 hostname: plan.host, pythonBasicConfig: basic,
                                 package: "com.example." + plan.name.split(separator: "-")[0])
        let container = plan.transport != .plain
        main = LogFile(service: plan.name, name: plan.runtime.isJVM ? "application.log" : "app.log")
        access = container || !plan.runtime.isPython ? main : LogFile(service: plan.name, name: "access.log")
        gc = plan.memoryStyle == .jvmGCLog && !container ? LogFile(service: plan.name, name: "gc.log") : main
        monitor = plan.memoryStyle == .cgroup ? LogFile(service: plan.name, name: "cgroup-memory.log") : nil
        logsRequests = !(plan.runtime.isJVM || plan.runtime == .klog) && (plan.showsLatency || random.chance(0.85))
        logsVersion = random.chance(0.85)
        accessMicros = plan.showsLatency || random.chance(0.4)
        pythonWorkers = (0..<random.int(in: 2...5)).map { _ in random.int(in: 7...60) }
        address = "10.\(random.int(in: 42...44)).\(random.int(in: 0...255)).\(random.int(in: 2...254))"
        let firstChange = incident.changes.first?.time ?? incident.troubleStart
        let lead = min(firstChange, incident.troubleStart).minutes(since: incident.start)
        if lead > 20, random.chance(0.2) {
            let from = incident.start.adding(seconds: random.double(in: 1...(lead - 12)) * 60)
            gap = (from, from.adding(seconds: random.double(in: 1...8) * 60))
        } else {
            gap = nil
        }
    }

    private func inGap(_ time: LogInstant) -> Bool {
        guard let gap else { return false }
        return time >= gap.0 && time < gap.1
    }

    private func thread(using random: inout SplitMix64) -> String {
        plan.runtime == .springBoot2 ? "nio-8080-exec-\(random.int(in: 1...10))"
            : "http-nio-8080-exec-\(random.int(in: 1...10))"
    }

    private func log(_ record: AppRecord, at time: LogInstant, pid: Int, thread: String = "main",
                     to file: LogFile? = nil) {
        guard !inGap(time) else { return }
        let formatter = self.formatter
        (file ?? main).add(at: time) { buffer in
            formatter.write(record, at: time, pid: pid, thread: thread, to: &buffer)
        }
    }

    private func gunicorn(_ time: LogInstant, pid: Int, _ level: String, _ message: String) {
        guard !inGap(time) else { return }
        let offset = plan.offset
        main.add(at: time) { buffer in
            GunicornLines.error(time: time, offset: offset, pid: pid, level: level, message: message, to: &buffer)
        }
    }

    private var jvmApplicationClass: String { formatter.className + "Application" }
    private var jvmLogger: String { formatter.package + "." + jvmApplicationClass }

    // MARK: lifetimes

    func writeLifetime(_ life: ProcessLifetime, incident: IncidentPlan, using random: inout SplitMix64) {
        if life.start >= incident.start { writeStart(life, using: &random) }
        if life.ending == .stopped { writeStop(life, using: &random) }
    }

    private func writeStart(_ life: ProcessLifetime, using random: inout SplitMix64) {
        let t0 = life.start
        let pid = life.pid
        let version = life.version
        let storeKinds = plan.dependencies.map(\.name)
        switch plan.runtime {
        case .springBoot2, .springBoot3, .logback:
            let java = plan.runtime == .springBoot2 ? "17.0.10" : "21.0.2"
            let starting = logsVersion
                ? "Starting \(jvmApplicationClass) v\(version) using Java \(java) with PID \(pid) (/app/app.jar started by app in /app)"
                : "Starting \(jvmApplicationClass) using Java \(java) with PID \(pid) (/app/classes started by app in /app)"
            log(AppRecord(level: .info, logger: jvmLogger, message: starting), at: t0, pid: pid)
            log(AppRecord(level: .info, logger: jvmLogger, message: "The following 1 profile is active: \"prod\""),
                at: t0.adding(seconds: 0.05), pid: pid)
            log(AppRecord(level: .info, logger: "o.s.b.w.embedded.tomcat.TomcatWebServer",
                          message: plan.runtime == .springBoot2 ? "Tomcat initialized with port(s): 8080 (http)"
                              : "Tomcat initialized with port 8080 (http)"),
                at: t0.adding(seconds: 1.9), pid: pid)
            if !storeKinds.isEmpty {
                log(AppRecord(level: .info, logger: "com.zaxxer.hikari.HikariDataSource", message: "HikariPool-1 - Starting..."),
                    at: t0.adding(seconds: 3.1), pid: pid)
                log(AppRecord(level: .info, logger: "com.zaxxer.hikari.HikariDataSource",
                              message: "HikariPool-1 - Start completed."), at: t0.adding(seconds: 3.4), pid: pid)
            }
            let took = life.ready.seconds(since: t0)
            log(AppRecord(level: .info, logger: "o.s.b.w.embedded.tomcat.TomcatWebServer",
                          message: plan.runtime == .springBoot2 ? "Tomcat started on port(s): 8080 (http) with context path ''"
                              : "Tomcat started on port 8080 (http) with context path '/'"),
                at: life.ready.adding(seconds: -0.1), pid: pid)
            log(AppRecord(level: .info, logger: jvmLogger,
                          message: "Started \(jvmApplicationClass) in \(String(decimal: took - 0.6, places: 3)) seconds ("
                              + (plan.runtime == .springBoot2 ? "JVM" : "process") + " running for \(String(decimal: took, places: 3)))"),
                at: life.ready, pid: pid)
        case .gunicorn, .structlog:
            gunicorn(t0, pid: pid, "INFO", "Starting gunicorn 22.0.0")
            gunicorn(t0.adding(seconds: 0.01), pid: pid, "INFO", "Listening at: http://0.0.0.0:8000 (\(pid))")
            gunicorn(t0.adding(seconds: 0.01), pid: pid, "INFO", "Using worker: gthread")
            for (index, worker) in pythonWorkers.enumerated() {
                gunicorn(t0.adding(seconds: 0.02 + Double(index) * 0.01), pid: worker, "INFO", "Booting worker with pid: \(worker)")
            }
            if logsVersion {
                log(AppRecord(level: .info, logger: plan.name.replacingHyphens + ".app",
                              message: plan.runtime == .structlog ? "app started" : "\(plan.name) \(version) started",
                              fields: plan.runtime == .structlog ? [("version", .string(version))] : []),
                    at: life.ready, pid: pythonWorkers[0])
            }
        case .pino:
            if logsVersion {
                log(AppRecord(level: .info, logger: "", message: "starting \(plan.name)",
                              fields: [("version", .string(version)), ("node", .string("v20.11.1"))]), at: t0, pid: pid)
            }
            log(AppRecord(level: .info, logger: "", message: "Server listening at http://0.0.0.0:3000"),
                at: life.ready, pid: pid)
        case .zap, .logfmt, .klog:
            if logsVersion {
                log(AppRecord(level: .info, logger: "cmd/main.go:47", message: "starting",
                              fields: [("service", .string(plan.name)), ("version", .string(version)),
                                       ("go", .string("go1.22.1"))]), at: t0, pid: pid)
            }
            log(AppRecord(level: .info, logger: "server/server.go:63", message: "listening",
                          fields: [("addr", .string(":8080"))]), at: life.ready, pid: pid)
        default:
            break
        }
    }

    private func writeStop(_ life: ProcessLifetime, using random: inout SplitMix64) {
        let t = life.end.adding(seconds: -random.double(in: 1...4))
        let pid = life.pid
        switch plan.runtime {
        case .springBoot2, .springBoot3, .logback:
            log(AppRecord(level: .info, logger: "o.s.b.w.e.tomcat.GracefulShutdown",
                          message: "Commencing graceful shutdown. Waiting for active requests to complete"), at: t, pid: pid,
                thread: "SpringApplicationShutdownHook")
            log(AppRecord(level: .info, logger: "o.s.b.w.e.tomcat.GracefulShutdown", message: "Graceful shutdown complete"),
                at: t.adding(seconds: 0.6), pid: pid, thread: "tomcat-shutdown")
        case .gunicorn, .structlog:
            gunicorn(t, pid: pid, "INFO", "Handling signal: term")
            for worker in pythonWorkers { gunicorn(t.adding(seconds: 0.3), pid: worker, "INFO", "Worker exiting (pid: \(worker))") }
            gunicorn(t.adding(seconds: 0.5), pid: pid, "INFO", "Shutting down: Master")
        case .pino:
            log(AppRecord(level: .info, logger: "", message: "received SIGTERM, closing server"), at: t, pid: pid)
        case .zap, .logfmt, .klog:
            log(AppRecord(level: .info, logger: "cmd/main.go:88", message: "shutting down",
                          fields: [("signal", .string("terminated"))]), at: t, pid: pid)
        default:
            break
        }
    }

    /// The runtime's own words as the process dies at its memory limit; returns
    /// whether the kernel kills it (else the runtime exits by itself).
    func writeOutOfMemory(_ life: ProcessLifetime, using random: inout SplitMix64) -> Bool {
        let t = life.end.adding(seconds: -random.double(in: 0.05...0.8))
        switch plan.runtime {
        case .springBoot2, .springBoot3, .logback:
            guard random.chance(0.5) else { return true }
            log(AppRecord(level: .error, logger: "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
                          message: "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Handler dispatch failed: java.lang.OutOfMemoryError: Java heap space] with root cause",
                          exception: ("java.lang.OutOfMemoryError", "Java heap space")),
                at: t, pid: life.pid, thread: thread(using: &random))
            main.add(at: t.adding(seconds: 0.01)) { $0.append("Terminating due to java.lang.OutOfMemoryError: Java heap space") }
            return false
        case .pino:
            guard random.chance(0.5) else { return true }
            let heap = Int(plan.limitMB * 0.96)
            let pid = life.pid
            let text = """

                <--- Last few GCs --->

                [\(pid):0x5b3a9c0]   \(Int(life.end.seconds(since: life.start) * 1000)) ms: Mark-Compact \(heap).1 (\(heap + 40).6) -> \(heap - 1).8 (\(heap + 41).3) MB, 1421.33 / 0.00 ms  (average mu = 0.118, current mu = 0.021) allocation failure; scavenge might not succeed


                <--- JS stacktrace --->

                FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory
                 1: 0xb8a0a0 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]
                 2: 0xf06a10 v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, v8::OOMDetails const&) [node]
                """
            main.add(at: t) { $0.append(text) }
            return false
        default:
            return true
        }
    }

    // MARK: memory

    func writeMemory(_ life: ProcessLifetime, incident: IncidentPlan, using random: inout SplitMix64) {
        let from = max(life.start, incident.start)
        guard from < life.end else { return }
        if plan.memoryStyle == .jvmGCLog {
            let heap = MemoryLeakProfile(phases: [.init(start: life.start, baseMB: life.baseMB,
                                                        slopeMBPerMinute: life.slopeMBPerMinute)],
                                         noiseMB: plan.noiseMB, sawtoothMB: 0, sawtoothPeriod: 60)
            G1HeapSimulator(capacityMB: Int(plan.limitMB), offset: plan.offset)
                .write(to: gc, heap: heap, from: max(life.start, incident.start.adding(seconds: -3_600)), to: life.end,
                       using: &random)
            return
        }
        var gcCycle = random.int(in: 3...900)
        for time in ArrivalClock.periodic(from: from.adding(seconds: random.double(in: 1...plan.memoryInterval)),
                                          to: life.end, every: plan.memoryInterval, jitter: 0.3, using: &random) {
            guard let mb = plan.memorySampleMB(at: time, using: &random), !inGap(time) else { continue }
            let bytes = Int(mb * 1_048_576)
            switch plan.memoryStyle {
            case .goGCTrace:
                gcCycle += random.int(in: 1...4)
                let live = Int(mb * 0.55)
                let line = GoGCTraceLine(cycle: gcCycle, secondsSinceStart: time.seconds(since: life.start),
                                         cpuPercent: random.int(in: 0...4), startMB: live * 2 - random.int(in: 0...3),
                                         endMB: live * 2 + random.int(in: 0...2), liveMB: live, goalMB: live * 2 + 2,
                                         procs: 4, clockMs: (random.double(in: 0.01...0.09), random.double(in: 0.5...4),
                                                             random.double(in: 0.01...0.06)))
                main.add(at: time) { line.write(to: &$0) }
            case .goRuntimeStats:
                let fields: [(String, AppRecord.Field)] = plan.runtime == .zap
                    ? [("heap_alloc", .int(Int(Double(bytes) * 0.6))), ("heap_sys", .int(bytes)),
                       ("num_gc", .int(gcCycle)), ("goroutines", .int(random.int(in: 40...400)))]
                    : [("heap_alloc_bytes", .int(Int(Double(bytes) * 0.6))), ("sys_bytes", .int(bytes)),
                       ("num_gc", .int(gcCycle)), ("goroutines", .int(random.int(in: 40...400)))]
                gcCycle += random.int(in: 1...5)
                log(AppRecord(level: .info, logger: "metrics/runtime.go:31", message: "runtime stats", fields: fields),
                    at: time, pid: life.pid)
            case .nodeMemoryUsage:
                let heapUsed = Int(Double(bytes) * 0.62), heapTotal = Int(Double(bytes) * 0.7)
                let usage: [(String, AppRecord.Field)] = [
                    ("rss", .int(bytes)), ("heapTotal", .int(heapTotal)), ("heapUsed", .int(heapUsed)),
                    ("external", .int(random.int(in: 2_000_000...9_000_000))),
                    ("arrayBuffers", .int(random.int(in: 100_000...900_000))),
                ]
                let nested = plan.name.count % 2 == 0
                log(AppRecord(level: .info, logger: "", message: nested ? "process stats" : "memory usage",
                              fields: nested ? [("memory", .object(usage))] : usage), at: time, pid: life.pid)
            case .pythonRSS:
                if plan.runtime == .structlog {
                    log(AppRecord(level: .info, logger: plan.name.replacingHyphens + ".monitor", message: "process memory",
                                  fields: [("rss_bytes", .int(bytes)), ("vms_bytes", .int(bytes * 3 + 120_000_000))]),
                        at: time, pid: pythonWorkers[0])
                } else {
                    log(AppRecord(level: .info, logger: plan.name.replacingHyphens + ".monitor",
                                  message: "memory usage: rss=\(String(decimal: mb, places: 1))MB vms=\(String(decimal: mb * 3 + 120, places: 1))MB"),
                        at: time, pid: pythonWorkers[0])
                }
            case .cgroup:
                guard let monitor else { continue }
                let limit = Int(plan.limitMB * 1_048_576)
                monitor.add(at: time) { buffer in
                    buffer.appendISO8601(time, offset: .utc, fractionDigits: 0, offsetStyle: .colon)
                    buffer.append(" memory.current=")
                    buffer.append(bytes)
                    buffer.append(" memory.max=")
                    buffer.append(limit)
                }
            default:
                break
            }
        }
    }

    // MARK: requests

    /// Answers one request at `time`; writes the app's lines and returns what the
    /// gateway sees.
    func serve(at time: LogInstant, incident: IncidentPlan, stores: [String: ServicePlan],
               gatewayTimeout: Double, using random: inout SplitMix64) -> ProxiedRequest? {
        let route = plan.routes.isEmpty ? "/internal/" : random.pick(plan.routes)
        let resources = ["orders", "items", "sessions", "me", "search", "cart", "prices", "users", "events", "reports"]
        var path = route + random.pick(resources)
        if random.chance(0.4) { path += "/" + String(random.int(in: 1_000...99_999)) }
        let method = random.chance(0.7) ? "GET" : random.pick(["POST", "PUT", "DELETE"])
        var request = ProxiedRequest(time: time, method: method, path: path, status: 200, milliseconds: 0,
                                     bytes: random.int(in: 90...9_000), client: random.pick(Self.clients),
                                     userAgent: random.pick(TrafficCatalog.userAgents), requestID: random.hex(16),
                                     outcome: .answered)
        guard plan.isServing(at: time), let life = plan.lifetime(at: time) else {
            request.outcome = .refused
            request.milliseconds = random.double(in: 0.2...3)
            return request
        }
        // Latency: median × factor, a right tail.
        let factor = plan.latencyFactor.value(at: time) * max(1, plan.load.value(at: time) * 0.25 + 0.75)
        var ms = plan.latencyMs * factor * random.double(in: 0.45...1.6)
        if random.chance(0.04) { ms *= random.double(in: 2...8) }
        request.milliseconds = ms
        if ms / 1_000 > gatewayTimeout {
            request.outcome = .timedOut
            request.milliseconds = gatewayTimeout * 1_000 + random.double(in: 0...4)
            return request
        }
        if random.chance(plan.silentTimeoutShare.value(at: time)) {
            request.outcome = random.chance(0.8) ? .timedOut : .reset
            request.milliseconds = request.outcome == .timedOut ? gatewayTimeout * 1_000 + random.double(in: 0...4)
                : random.double(in: 200...9_000)
            return request
        }
        if life.ending == .oomKilled, life.end.seconds(since: time) < 2, random.chance(0.5) {
            request.outcome = .reset
            return request
        }
        var failure: (type: String, message: String)?
        var dependencyFailure = false
        for dependency in plan.dependencies {
            guard let store = stores[dependency.name], random.chance(dependency.share),
                  let state = StoreSimulator.state(of: store, at: time, using: &random) else { continue }
            failure = ErrorCatalog.dependency(plan.runtime, store: store, state: state,
                                              address: StoreSimulator.address(of: store))
            dependencyFailure = true
            break
        }
        if failure == nil, random.chance(plan.ownErrorShare(at: time)) {
            let regressed = plan.errorShareByVersion[life.version] != nil
            failure = ErrorCatalog.bug(plan.runtime, variant: regressed ? plan.name.count + 1 : random.below(4))
        }
        if failure == nil, !plan.quiet, let share = plan.warningShareByVersion[life.version], random.chance(share) {
            writeRecoveredFailure(request: request, life: life, using: &random)
        }
        if let failure {
            request.status = dependencyFailure && random.chance(0.5) ? 503 : 500
            request.bytes = random.int(in: 40...160)
            if !plan.quiet { writeError(failure, request: request, life: life, using: &random) }
        } else if random.chance(0.03) {
            request.status = random.pick([400, 401, 404, 404, 409, 422])
        } else if method == "POST" {
            request.status = random.chance(0.7) ? 201 : 200
        } else if method == "DELETE" {
            request.status = 204
        }
        if logsRequests, !(plan.quiet && request.status >= 500) { writeRequest(request, life: life, using: &random) }
        return request
    }

    private static let clients = ["10.42.0.1", "10.42.1.1", "10.42.2.1", "10.42.3.1", "172.17.0.1"]

    private func writeError(_ failure: (type: String, message: String), request: ProxiedRequest, life: ProcessLifetime,
                            using random: inout SplitMix64) {
        let time = request.time.adding(seconds: request.milliseconds / 1_000 * 0.9)
        switch plan.runtime {
        case .springBoot2, .springBoot3, .logback:
            log(AppRecord(level: .error, logger: "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
                          message: "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: \(failure.type): \(failure.message.split(separator: "\n").first ?? "")] with root cause",
                          exception: failure), at: time, pid: life.pid, thread: thread(using: &random))
        case .gunicorn:
            log(AppRecord(level: .error, logger: plan.name.replacingHyphens + ".app",
                          message: "Exception on \(request.path) [\(request.method)]", exception: failure),
                at: time, pid: random.pick(pythonWorkers))
        case .structlog:
            log(AppRecord(level: .error, logger: plan.name.replacingHyphens + ".views", message: "request failed",
                          fields: [("path", .string(request.path)), ("method", .string(request.method))],
                          exception: failure), at: time, pid: random.pick(pythonWorkers))
        case .pino:
            log(AppRecord(level: .error, logger: "", message: "request failed",
                          fields: [("reqId", .string(request.requestID))], exception: failure), at: time, pid: life.pid)
        default:
            log(AppRecord(level: .error, logger: "server/handler.go:\(100 + failure.message.count % 80)",
                          message: "request failed",
                          fields: [("method", .string(request.method)), ("path", .string(request.path))],
                          exception: failure), at: time, pid: life.pid)
        }
    }

    /// A failure the new version recovers from, logged at WARN as services log
    /// them: one message per service (its name picks it), with the request's own values.
    private func writeRecoveredFailure(request: ProxiedRequest, life: ProcessLifetime, using random: inout SplitMix64) {
        let time = request.time.adding(seconds: request.milliseconds / 1_000 * 0.5)
        let tenant = random.int(in: 1_000...9_999)
        let messages = [
            "session cache write failed for tenant \(tenant), falling back to the database",
            "could not refresh pricing rules for sku \(String(random.int(in: 0x1000...0xFFFF), radix: 16)): upstream returned 429, using the cached copy",
            "feature flag lookup timed out after \(random.int(in: 200...900)) ms, serving the default for tenant \(tenant)",
            "unable to publish audit event \(random.int(in: 100_000...999_999)) to the queue, will retry later",
            "idempotency key store rejected write for request \(request.requestID): quota exceeded",
        ]
        let message = messages[plan.name.utf8.reduce(0) { $0 &+ Int($1) } % messages.count]
        log(AppRecord(level: .warn, logger: logger(for: message), message: message,
                      fields: [("path", .string(request.path))]),
            at: time, pid: plan.runtime.isPython ? random.pick(pythonWorkers) : life.pid, thread: thread(using: &random))
    }

    private func writeRequest(_ request: ProxiedRequest, life: ProcessLifetime, using random: inout SplitMix64) {
        let time = request.time.adding(seconds: request.milliseconds / 1_000)
        guard !inGap(time) else { return }
        switch plan.runtime {
        case .gunicorn, .structlog:
            let offset = plan.offset
            let micros = accessMicros ? Int(request.milliseconds * 1_000) : nil
            access.add(at: time) { buffer in
                GunicornLines.access(time: time, offset: offset, client: request.client, method: request.method,
                                     path: request.path, status: request.status, bytes: request.bytes,
                                     userAgent: request.userAgent, microseconds: micros, to: &buffer)
            }
        case .pino:
            log(AppRecord(level: request.status >= 500 ? .error : .info, logger: "",
                          message: request.status >= 500 ? "request errored" : "request completed",
                          fields: [("reqId", .string(request.requestID)),
                                   ("req", .object([("method", .string(request.method)), ("url", .string(request.path)),
                                                    ("remoteAddress", .string("::ffff:" + request.client)),
                                                    ("remotePort", .int(random.int(in: 30_000...60_000)))])),
                                   ("res", .object([("statusCode", .int(request.status))])),
                                   ("responseTime", .int(Int(request.milliseconds)))]),
                at: time, pid: life.pid)
        case .zap:
            log(AppRecord(level: request.status >= 500 ? .error : .info, logger: "server/middleware.go:54",
                          message: "request completed",
                          fields: [("method", .string(request.method)), ("path", .string(request.path)),
                                   ("status", .int(request.status)),
                                   ("duration", .double(request.milliseconds / 1_000, places: 6)),
                                   ("remote", .string(request.client + ":" + String(random.int(in: 30_000...60_000))))]),
                at: time, pid: life.pid)
        case .logfmt:
            log(AppRecord(level: .info, logger: "server/middleware.go:54", message: "http request",
                          fields: [("method", .string(request.method)), ("path", .string(request.path)),
                                   ("status", .int(request.status)),
                                   ("duration_ms", .double(request.milliseconds, places: 3))]),
                at: time, pid: life.pid)
        default:
            break
        }
    }

    // MARK: background

    /// Ordinary lines: scheduled jobs, cache refreshes, the odd warning.
    func writeBackground(incident: IncidentPlan, using random: inout SplitMix64) {
        let infoRate = random.double(in: 0.5...6)
        let warnRate = random.double(in: 0.02...0.4)
        let infos = ["cache refreshed", "scheduled job completed", "feature flags synced",
                     "connection pool stats", "flushed metrics batch", "token signing keys refreshed"]
        let warnings = ["slow downstream call", "retrying request to downstream", "request body larger than expected",
                        "deprecated API version used by client"]
        for time in ArrivalClock.arrivals(from: incident.start, to: incident.end, perMinute: .constant(infoRate),
                                          using: &random) {
            guard let life = plan.lifetime(at: time), time > life.ready else { continue }
            let message = random.pick(infos)
            log(AppRecord(level: .info, logger: logger(for: message),
                          message: message, fields: [("took_ms", .int(random.int(in: 1...900)))]),
                at: time, pid: plan.runtime.isPython ? random.pick(pythonWorkers) : life.pid,
                thread: "scheduling-1")
        }
        for time in ArrivalClock.arrivals(from: incident.start, to: incident.end, perMinute: .constant(warnRate),
                                          using: &random) {
            guard let life = plan.lifetime(at: time), time > life.ready else { continue }
            let message = random.pick(warnings)
            log(AppRecord(level: .warn, logger: logger(for: message), message: message,
                          fields: [("attempt", .int(random.int(in: 1...3)))]),
                at: time, pid: plan.runtime.isPython ? random.pick(pythonWorkers) : life.pid,
                thread: thread(using: &random))
        }
    }

    private func logger(for message: String) -> String {
        let slot = message.count % 7
        if plan.runtime.isJVM { return formatter.package + ".jobs.MaintenanceTask" }
        if plan.runtime.isPython { return plan.name.replacingHyphens + ".tasks" }
        if plan.runtime == .pino { return "" }
        return "jobs/runner.go:\(30 + slot)"
    }
}
