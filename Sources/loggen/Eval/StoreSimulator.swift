import Foundation

/// Writes a data store's own log (redis-server or PostgreSQL) over an incident,
/// its failure if it has one, and Redis's `INFO memory` samples; tells clients
/// how it answers them at a given moment.
final class StoreSimulator {
    let plan: ServicePlan
    let main: LogFile
    private let info: LogFile?

    var files: [LogFile] { [main] + (info.map { [$0] } ?? []) }

    init(plan: ServicePlan) {
        self.plan = plan
        main = LogFile(service: plan.name, name: plan.role == .redis ? "redis-server.log" : "postgresql.log")
        info = plan.role == .redis ? LogFile(service: plan.name, name: "redis-info.log") : nil
    }

    /// The address clients reach the store at.
    static func address(of store: ServicePlan) -> String {
        var random = SplitMix64(named: store.name, salt: 0x6164)
        return "10.96.\(random.int(in: 0...255)).\(random.int(in: 2...254))"
    }

    /// How the store answers a client call at `time`; nil when it answers normally.
    static func state(of store: ServicePlan, at time: LogInstant, using random: inout SplitMix64) -> DependencyState? {
        guard let failure = store.selfFailure, failure.isFailing(at: time) else { return nil }
        if failure.isDown(at: time) {
            if store.role == .redis { return .refused }
            return failure.mode == .oomKilled && time.seconds(since: failure.downFrom!) < 1 ? .connectionLost : .recovery
        }
        if let downFrom = failure.downFrom, time > downFrom {
            // Back up after the crash: a few seconds of loading, then normal.
            let since = time.seconds(since: downFrom.adding(seconds: failure.downSeconds))
            if store.role == .redis, since < 8 { return .loading }
            return nil
        }
        switch failure.mode {
        case .connectionsExhausted: return random.chance(0.7) ? .tooManyClients : nil
        case .maxmemory: return random.chance(0.55) ? .maxmemory : nil
        case .forkFailed: return random.chance(0.5) ? .misconf : nil
        case .diskFull: return random.chance(0.6) ? .diskFull : nil
        case .oomKilled: return nil
        }
    }

    private func redis(_ time: LogInstant, pid: Int, role: Character = "M", _ level: Character, _ message: String) {
        let offset = plan.offset
        main.add(at: time) { buffer in
            RedisLogLine(time: time, offset: offset, pid: pid, role: role, level: level, message: message)
                .write(to: &buffer)
        }
    }

    private func postgres(_ time: LogInstant, pid: Int, _ severity: String, _ message: String) {
        let offset = plan.offset
        main.add(at: time) { buffer in
            PostgresLine(time: time, offset: offset, pid: pid, severity: severity, message: message).write(to: &buffer)
        }
    }

    func simulate(incident: IncidentPlan, node: NodeLog?, using random: inout SplitMix64) {
        let pid = plan.platform == .vm ? random.int(in: 800...5_000) : 1
        if plan.role == .redis { simulateRedis(incident: incident, pid: pid, node: node, using: &random) }
        else { simulatePostgres(incident: incident, pid: pid, node: node, using: &random) }
    }

    // MARK: Redis

    private func redisStart(_ time: LogInstant, pid: Int, using random: inout SplitMix64) {
        redis(time, pid: pid, role: "C", "#", "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo")
        redis(time, pid: pid, role: "C", "#", "Redis version=\(plan.initialVersion), bits=64, commit=00000000, modified=0, pid=\(pid), just started")
        redis(time, pid: pid, role: "C", "#", "Configuration loaded")
        redis(time.adding(seconds: 0.001), pid: pid, "*", "monotonic clock: POSIX clock_gettime")
        redis(time.adding(seconds: 0.002), pid: pid, "*", "Running mode=standalone, port=6379.")
        redis(time.adding(seconds: 0.003), pid: pid, "*", "Server initialized")
        let load = random.double(in: 0.2...3)
        redis(time.adding(seconds: 0.004), pid: pid, "*", "Loading RDB produced by version \(plan.initialVersion)")
        redis(time.adding(seconds: load), pid: pid, "*", "DB loaded from disk: \(String(decimal: load, places: 3)) seconds")
        redis(time.adding(seconds: load + 0.001), pid: pid, "*", "Ready to accept connections tcp")
    }

    private func simulateRedis(incident: IncidentPlan, pid firstPID: Int, node: NodeLog?, using random: inout SplitMix64) {
        var pid = firstPID
        let failure = plan.selfFailure
        let saveEvery = random.double(in: 60...900)
        var time = incident.start.adding(seconds: random.double(in: 0...saveEvery))
        var child = random.int(in: 20...9_000)
        while time < incident.end {
            defer { time = time.adding(seconds: saveEvery * random.double(in: 0.8...1.2)) }
            if let failure, failure.isDown(at: time) { continue }
            if let failure, failure.mode == .forkFailed, failure.isFailing(at: time) { continue }
            let changes = random.int(in: 100...20_000)
            redis(time, pid: pid, "*", "\(changes) changes in \(Int(saveEvery)) seconds. Saving...")
            child += random.int(in: 1...40)
            redis(time.adding(seconds: 0.001), pid: pid, "*", "Background saving started by pid \(child)")
            let took = random.double(in: 0.05...4)
            redis(time.adding(seconds: took), pid: child, role: "C", "*", "DB saved on disk")
            redis(time.adding(seconds: took + 0.001), pid: child, role: "C", "*",
                  "Fork CoW for RDB: current \(random.int(in: 0...12)) MB, peak \(random.int(in: 2...30)) MB, average \(random.int(in: 0...10)) MB")
            redis(time.adding(seconds: took + 0.1), pid: pid, "*", "Background saving terminated with success")
        }
        if let failure {
            switch failure.mode {
            case .forkFailed:
                var at = failure.start
                while at < (failure.end ?? incident.end) {
                    redis(at, pid: pid, "#", "Can't save in background: fork: Cannot allocate memory")
                    at = at.adding(seconds: random.double(in: 5...6.5))
                }
            case .oomKilled:
                if let down = failure.downFrom {
                    node?.oomKill(at: down, service: plan.name, process: "redis-server", pid: pid,
                                  rssMB: plan.limitMB * 0.99, pod: plan.name + "-0", using: &random)
                    let back = down.adding(seconds: failure.downSeconds)
                    if back < incident.end {
                        pid = plan.platform == .vm ? pid + random.int(in: 10...500) : 1
                        node?.restart(at: back, service: plan.name, container: "redis", pod: plan.name + "-0",
                                      backoff: failure.downSeconds, restartCount: 1)
                        redisStart(back, pid: pid, using: &random)
                    }
                }
            case .maxmemory:
                // Redis itself says nothing when it refuses writes at maxmemory.
                break
            default:
                break
            }
        }
        writeInfo(incident: incident, using: &random)
    }

    /// A cron job's `date; redis-cli INFO memory` every interval.
    private func writeInfo(incident: IncidentPlan, using random: inout SplitMix64) {
        guard let info else { return }
        let offset = plan.offset
        let maxmemory = Int(plan.limitMB * 1_048_576)
        for time in ArrivalClock.periodic(from: incident.start.adding(seconds: 2), to: incident.end,
                                          every: plan.memoryInterval, jitter: 0.9, using: &random) {
            if let failure = plan.selfFailure, failure.isDown(at: time) { continue }
            var mb = plan.memorySampleMB(at: time, using: &random) ?? plan.baseMB
            if let failure = plan.selfFailure, failure.mode == .maxmemory, failure.isFailing(at: time) {
                mb = plan.limitMB * random.double(in: 0.995...1.0)
            }
            let used = Int(mb * 1_048_576)
            info.add(at: time) { buffer in
                let civil = CivilDateTime(time, offset: offset)
                buffer.append(CivilDateTime.weekdayAbbreviations[civil.weekday])
                buffer.append(byte: UInt8(ascii: " "))
                buffer.append(CivilDateTime.monthAbbreviations[civil.month - 1])
                buffer.append(byte: UInt8(ascii: " "))
                buffer.append(civil.day, spacePaddedTo: 2)
                buffer.append(byte: UInt8(ascii: " "))
                buffer.append(civil.hour, zeroPaddedTo: 2)
                buffer.append(byte: UInt8(ascii: ":"))
                buffer.append(civil.minute, zeroPaddedTo: 2)
                buffer.append(byte: UInt8(ascii: ":"))
                buffer.append(civil.second, zeroPaddedTo: 2)
                buffer.append(byte: UInt8(ascii: " "))
                buffer.append(offset.abbreviation)
                buffer.append(byte: UInt8(ascii: " "))
                buffer.append(civil.year)
                buffer.newline()
                buffer.append("# Memory\nused_memory:\(used)\nused_memory_human:\(String(decimal: mb, places: 2))M\n")
                buffer.append("used_memory_rss:\(Int(Double(used) * 1.08))\nused_memory_peak:\(used)\n")
                buffer.append("maxmemory:\(maxmemory)\nmaxmemory_human:\(String(decimal: Double(maxmemory) / 1_048_576, places: 2))M\n")
                buffer.append("maxmemory_policy:noeviction\nmem_fragmentation_ratio:1.08")
            }
        }
    }

    // MARK: PostgreSQL

    private func postgresStart(_ time: LogInstant, pid: Int, recovering: Bool, using random: inout SplitMix64) {
        let version = plan.initialVersion
        postgres(time, pid: pid, "LOG", "starting PostgreSQL \(version) (Debian \(version)-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit")
        postgres(time.adding(seconds: 0.002), pid: pid, "LOG", "listening on IPv4 address \"0.0.0.0\", port 5432")
        let startup = pid + random.int(in: 5...40)
        if recovering {
            postgres(time.adding(seconds: 0.01), pid: startup, "LOG", "database system was interrupted; last known up at 2025-01-01 00:00:00 UTC".replacingDate(time, offset: plan.offset))
            postgres(time.adding(seconds: 0.02), pid: startup, "LOG", "database system was not properly shut down; automatic recovery in progress")
            postgres(time.adding(seconds: 0.03), pid: startup, "LOG", "redo starts at 0/\(random.hex(8).uppercased())")
            postgres(time.adding(seconds: 1.5), pid: startup, "LOG", "redo done at 0/\(random.hex(8).uppercased()) system usage: CPU: user: 0.61 s, system: 0.35 s, elapsed: 1.47 s")
        }
        postgres(time.adding(seconds: recovering ? 2 : 0.3), pid: pid, "LOG", "database system is ready to accept connections")
    }

    private func simulatePostgres(incident: IncidentPlan, pid: Int, node: NodeLog?, using random: inout SplitMix64) {
        let failure = plan.selfFailure
        // Checkpoints every checkpoint_timeout (5 min), logged by default since 15.
        var time = incident.start.adding(seconds: random.double(in: 0...300))
        let checkpointer = pid + random.int(in: 20...60)
        while time < incident.end {
            defer { time = time.adding(seconds: 300) }
            if let failure, failure.isDown(at: time) { continue }
            postgres(time, pid: checkpointer, "LOG", "checkpoint starting: time")
            let buffers = random.int(in: 10...4_000)
            let took = random.double(in: 0.5...200)
            postgres(time.adding(seconds: took), pid: checkpointer, "LOG",
                     "checkpoint complete: wrote \(buffers) buffers (\(String(decimal: Double(buffers) / 163.84, places: 1))%); 0 WAL file(s) added, 0 removed, \(random.int(in: 0...3)) recycled; write=\(String(decimal: took * 0.98, places: 3)) s, sync=0.004 s, total=\(String(decimal: took, places: 3)) s; sync files=\(random.int(in: 3...80)), longest=0.002 s, average=0.001 s; distance=\(random.int(in: 100...40_000)) kB, estimate=\(random.int(in: 1_000...40_000)) kB; lsn=0/\(random.hex(8).uppercased()), redo lsn=0/\(random.hex(8).uppercased())")
        }
        // Slow statements (log_min_duration_statement = 1000), more under load.
        let slowRate = random.double(in: 0.02...0.5)
        for at in ArrivalClock.arrivals(from: incident.start, to: incident.end,
                                        perMinute: RateSchedule.constant(slowRate), using: &random) {
            if let failure, failure.isDown(at: at) { continue }
            let load = plan.load.value(at: at)
            guard load <= 1.2 || random.chance(0.9) else { continue }
            let count = load > 1.2 ? random.int(in: 1...4) : 1
            for index in 0..<count {
                let ms = random.double(in: 1_000...4_000) * (load > 1.2 ? load : 1)
                let statement = random.pick(["SELECT o.* FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.customer_id = $1 ORDER BY o.created_at DESC LIMIT 50",
                                             "UPDATE inventory SET reserved = reserved + $1 WHERE sku = $2",
                                             "SELECT count(*) FROM events WHERE created_at > $1"])
                postgres(at.adding(seconds: Double(index) * 0.7), pid: pid + random.int(in: 100...9_000), "LOG",
                         "duration: \(String(decimal: ms, places: 3)) ms  execute <unnamed>: \(statement)")
            }
        }
        for at in ArrivalClock.arrivals(from: incident.start, to: incident.end, perMinute: .constant(0.05), using: &random) {
            postgres(at, pid: pid + random.int(in: 100...9_000), "LOG",
                     "automatic vacuum of table \"app.public.\(random.pick(["orders", "sessions", "events", "order_items"]))\": index scans: 1")
        }
        guard let failure else { return }
        let failingEnd = failure.end ?? incident.end
        switch failure.mode {
        case .connectionsExhausted:
            for at in ArrivalClock.arrivals(from: failure.start, to: failingEnd, perMinute: .constant(random.double(in: 6...60)),
                                            using: &random) {
                postgres(at, pid: pid + random.int(in: 100...9_000), "FATAL", "sorry, too many clients already")
            }
        case .diskFull:
            let until = failure.downFrom ?? failingEnd
            for at in ArrivalClock.arrivals(from: failure.start, to: until, perMinute: .constant(random.double(in: 4...30)),
                                            using: &random) {
                let backend = pid + random.int(in: 100...9_000)
                postgres(at, pid: backend, "ERROR", "could not extend file \"base/16384/24601\": No space left on device")
                postgres(at, pid: backend, "HINT", " Check free disk space.")
                postgres(at, pid: backend, "STATEMENT", " INSERT INTO events (kind, payload, created_at) VALUES ($1, $2, now())")
            }
            if let down = failure.downFrom { crashAndRecover(at: down, failure: failure, pid: pid, incident: incident,
                                                             signal: "6: Aborted", panic: true, node: nil, using: &random) }
        case .oomKilled:
            if let down = failure.downFrom { crashAndRecover(at: down, failure: failure, pid: pid, incident: incident,
                                                             signal: "9: Killed", panic: false, node: node, using: &random) }
        default:
            break
        }
    }

    private func crashAndRecover(at down: LogInstant, failure: DependencyFailure, pid: Int, incident: IncidentPlan,
                                 signal: String, panic: Bool, node: NodeLog?, using random: inout SplitMix64) {
        let backend = pid + random.int(in: 100...9_000)
        if panic {
            postgres(down, pid: backend, "PANIC", "could not write to file \"pg_wal/xlogtemp.\(backend)\": No space left on device")
        } else {
            node?.oomKill(at: down, service: plan.name, process: "postgres", pid: backend, rssMB: plan.limitMB * 0.6,
                          pod: plan.name + "-0", using: &random)
        }
        postgres(down.adding(seconds: 0.05), pid: pid, "LOG", "server process (PID \(backend)) was terminated by signal \(signal)")
        postgres(down.adding(seconds: 0.05), pid: pid, "DETAIL", " Failed process was running: SELECT o.* FROM orders o WHERE o.customer_id = $1")
        postgres(down.adding(seconds: 0.06), pid: pid, "LOG", "terminating any other active server processes")
        // Connection attempts during recovery are refused, each logged.
        let back = down.adding(seconds: failure.downSeconds)
        for at in ArrivalClock.arrivals(from: down.adding(seconds: 0.5), to: min(back, incident.end),
                                        perMinute: .constant(random.double(in: 10...60)), using: &random) {
            postgres(at, pid: pid + random.int(in: 100...9_000), "FATAL", "the database system is in recovery mode")
        }
        if panic {
            postgres(down.adding(seconds: 0.3), pid: pid, "LOG", "all server processes terminated; reinitializing")
            postgres(down.adding(seconds: 0.31), pid: pid, "LOG", "database system was interrupted; last known up at 2025-01-01 00:00:00 UTC".replacingDate(down.adding(seconds: -120), offset: plan.offset))
            postgres(down.adding(seconds: 0.32), pid: pid, "LOG", "database system was not properly shut down; automatic recovery in progress")
        } else {
            postgres(down.adding(seconds: 0.3), pid: pid, "LOG", "all server processes terminated; reinitializing")
        }
        if back < incident.end {
            postgres(back, pid: pid, "LOG", "database system is ready to accept connections")
        }
    }
}

extension String {
    /// Replaces the `2025-01-01 00:00:00 UTC` placeholder with `time` as PostgreSQL prints it.
    func replacingDate(_ time: LogInstant, offset: UTCOffset) -> String {
        var buffer = LineBuffer()
        buffer.appendISO8601(time, offset: offset, fractionDigits: 0, offsetStyle: .none, separator: UInt8(ascii: " "))
        buffer.append(" " + offset.abbreviation)
        let text = String(decoding: buffer.bytes, as: UTF8.self)
        guard let range = range(of: "2025-01-01 00:00:00 UTC") else { return self }
        return replacingCharacters(in: range, with: text)
    }
}
