/// One service of a drawn incident: what it is, how it logs, and how it behaves
/// over the incident's timeline.
///
/// Behaviour is given as schedules the fault sets (request rate, error share,
/// latency, memory growth by version); `resolveLifetimes` turns the service's
/// changes and memory into process lifetimes, killing a process that reaches its
/// memory limit and restarting it with the back-off its platform uses.
final class ServicePlan {
    let name: String
    let role: ServiceRole
    let runtime: ServiceRuntime
    var transport: Transport
    var memoryStyle: MemoryStyle
    /// The clock its zone-less local times are read on.
    let offset: UTCOffset
    let host: String
    let platform: Platform
    /// The version running as the logs begin.
    var initialVersion: String

    /// Requests a minute at normal load.
    var requestsPerMinute: Double
    /// Load multiplier over time (1 = normal).
    var load: RateSchedule = .constant(1)
    /// Share of requests failing with the service's own bug, by version.
    var errorShareByVersion: [String: Double] = [:]
    /// Share of requests on which a version logs a failure it recovers from, at
    /// WARN level (a cache write failing, a fallback taken): by version.
    var warningShareByVersion: [String: Double] = [:]
    /// Share of requests failing from a given time on, whatever the version.
    var errorShare: RateSchedule = .constant(0)
    /// Base error share: ordinary failures (bad input, a client hanging up).
    var baseErrorShare: Double
    /// Median request latency, ms, before load and config effects.
    var latencyMs: Double
    /// Latency multiplier over time (a config change, load).
    var latencyFactor: RateSchedule = .constant(1)
    /// Share of requests that time out at the gateway over time, with no line in
    /// the service's own log (a service stalled by garbage collection).
    var silentTimeoutShare: RateSchedule = .constant(0)
    /// Whether the service writes no error line for its failures.
    var quiet = false
    /// Whether the incident's evidence is this service's latency, so some log
    /// must carry request durations (its own request lines or the gateway's).
    var showsLatency = false

    /// Whether the runtime's request lines carry a duration when it logs requests.
    var logsOwnDurations: Bool {
        switch runtime {
        case .pino, .zap, .logfmt, .gunicorn, .structlog: return true
        default: return false
        }
    }

    /// Memory at start, MB, and its limit (the container's or the heap's).
    var baseMB: Double
    var limitMB: Double
    /// Memory growth per minute by version (a leaking version).
    var slopeByVersion: [String: Double] = [:]
    /// Memory growth per minute whatever the version (a leak already under way).
    var slopeAlways: Double = 0
    /// Extra memory per unit of load above normal.
    var loadMB: Double = 0
    var noiseMB: Double
    var sawtoothMB: Double
    var sawtoothPeriod: Double
    /// Seconds between memory readings.
    var memoryInterval: Double

    /// The dependencies this service calls (service names) and the share of its
    /// requests that need each.
    var dependencies: [(name: String, share: Double)] = []
    /// Routes under the gateway (path prefixes).
    var routes: [String] = []

    /// Changes to this service, in time order.
    var changes: [ChangeEvent] = []
    /// Times at which the service fails by itself (dependencies), with what.
    var selfFailure: DependencyFailure?

    private(set) var lifetimes: [ProcessLifetime] = []

    init(name: String, role: ServiceRole, runtime: ServiceRuntime, transport: Transport, memoryStyle: MemoryStyle,
         offset: UTCOffset, host: String, platform: Platform, initialVersion: String, requestsPerMinute: Double,
         baseErrorShare: Double, latencyMs: Double, baseMB: Double, limitMB: Double, noiseMB: Double,
         sawtoothMB: Double, sawtoothPeriod: Double, memoryInterval: Double) {
        self.name = name
        self.role = role
        self.runtime = runtime
        self.transport = transport
        self.memoryStyle = memoryStyle
        self.offset = offset
        self.host = host
        self.platform = platform
        self.initialVersion = initialVersion
        self.requestsPerMinute = requestsPerMinute
        self.baseErrorShare = baseErrorShare
        self.latencyMs = latencyMs
        self.baseMB = baseMB
        self.limitMB = limitMB
        self.noiseMB = noiseMB
        self.sawtoothMB = sawtoothMB
        self.sawtoothPeriod = sawtoothPeriod
        self.memoryInterval = memoryInterval
    }

    /// Memory growth per minute of a process running `version`.
    func slope(of version: String) -> Double {
        slopeAlways + (slopeByVersion[version] ?? 0)
    }

    /// Computes the process lifetimes from `start` (the first process started
    /// `uptime` seconds before) to `end`.
    func resolveLifetimes(from start: LogInstant, to end: LogInstant, using random: inout SplitMix64) {
        lifetimes = []
        var version = initialVersion
        let uptime = random.double(in: 600...86_400)
        var processStart = start.adding(seconds: -uptime)
        var pid = role == .app && platform != .vm ? 1 : random.int(in: 800...60_000)
        var crashCount = 0
        var pending = changes.filter { $0.restartsProcess }.sorted { $0.time < $1.time }
        // A process that started long before the window has grown already
        // only when a leak is under way for every version; else it starts fresh.
        var carried = slopeAlways > 0 ? min(limitMB * 0.55, slopeAlways * uptime / 60 * 0.2) : 0
        while processStart < end {
            let slope = slope(of: version)
            let base = baseMB * random.double(in: 0.94...1.06) + carried
            carried = 0
            let readyDelay = startupSeconds(using: &random)
            var ending = ProcessLifetime.Ending.running
            var processEnd = end
            var next: ChangeEvent?
            if let change = pending.first { next = change }
            if slope > 0 {
                let minutesToLimit = (limitMB - base) / slope
                let oom = processStart.adding(seconds: max(20, minutesToLimit * 60))
                if oom < end, next == nil || oom < next!.time {
                    ending = .oomKilled
                    processEnd = oom
                }
            }
            if ending == .running, let change = next, change.time < end {
                ending = .stopped
                processEnd = change.time.adding(seconds: random.double(in: 6...50))
            }
            lifetimes.append(ProcessLifetime(
                start: processStart, end: processEnd, ending: ending, version: version, pid: pid, baseMB: base,
                slopeMBPerMinute: slope, ready: processStart.adding(seconds: readyDelay), crashCount: crashCount))
            switch ending {
            case .running:
                return
            case .oomKilled:
                crashCount += 1
                let backoff = platform == .kubernetes ? min(300, 10 * Double(1 << min(crashCount - 1, 5))) : 5
                processStart = processEnd.adding(seconds: backoff + random.double(in: 0.3...2.5))
            case .stopped:
                crashCount = 0
                let change = pending.removeFirst()
                version = change.version
                // The new process starts before the old one stops (a rolling update)
                // or right after it (a restart in place).
                processStart = platform == .kubernetes
                    ? change.time.adding(seconds: random.double(in: 3...(max(4, processEnd.seconds(since: change.time) - 1))))
                    : processEnd.adding(seconds: random.double(in: 0.5...3))
            }
            if role == .app, platform != .vm { pid = 1 } else { pid += random.int(in: 3...900) }
        }
    }

    private func startupSeconds(using random: inout SplitMix64) -> Double {
        switch runtime {
        case .springBoot2, .springBoot3, .logback: return random.double(in: 6...25)
        case .gunicorn, .structlog: return random.double(in: 1...4)
        case .pino: return random.double(in: 0.4...2)
        case .zap, .logfmt, .klog: return random.double(in: 0.1...0.9)
        case .nginx, .envoy: return random.double(in: 0.05...0.5)
        case .redis: return random.double(in: 0.05...3)
        case .postgres: return random.double(in: 0.5...6)
        }
    }

    /// The process running at `time`, if any is up.
    func lifetime(at time: LogInstant) -> ProcessLifetime? {
        lifetimes.last { $0.start <= time && time < $0.end }
    }

    /// Whether a request at `time` finds a process ready to serve it.
    func isServing(at time: LogInstant) -> Bool {
        guard let life = lifetime(at: time) else { return false }
        if time < life.ready { return false }
        if let failure = selfFailure, failure.isDown(at: time) { return false }
        return true
    }

    /// The memory trend (MB) at `time`, without noise.
    func memoryTrendMB(at time: LogInstant) -> Double? {
        guard let life = lifetime(at: time) else { return nil }
        let minutes = max(0, time.minutes(since: life.start))
        return life.baseMB + life.slopeMBPerMinute * minutes + loadMB * max(0, load.value(at: time) - 1)
    }

    /// A memory reading at `time`: trend, sawtooth and noise, below the limit.
    func memorySampleMB(at time: LogInstant, using random: inout SplitMix64) -> Double? {
        guard let trend = memoryTrendMB(at: time), let life = lifetime(at: time) else { return nil }
        let cycle = time.seconds(since: life.start) / sawtoothPeriod
        let sawtooth = sawtoothMB * (cycle - cycle.rounded(.down))
        return min(limitMB * 0.995, max(8, trend + sawtooth + noiseMB * random.gaussian()))
    }

    /// The share of requests failing by the service's own doing at `time`.
    func ownErrorShare(at time: LogInstant) -> Double {
        let version = lifetime(at: time)?.version ?? initialVersion
        return min(0.95, baseErrorShare + (errorShareByVersion[version] ?? 0) + errorShare.value(at: time))
    }
}

/// A dependency failing by itself: when, how, and whether it stops serving.
struct DependencyFailure: Sendable {
    enum Mode: String, Sendable {
        /// PostgreSQL refuses new connections (`too many clients`).
        case connectionsExhausted
        /// PostgreSQL's WAL disk fills: PANIC, crash, recovery.
        case diskFull
        /// The kernel kills the server (PostgreSQL backend or redis-server).
        case oomKilled
        /// Redis reaches `maxmemory` and refuses writes.
        case maxmemory
        /// Redis cannot fork to save and refuses writes (`MISCONF`).
        case forkFailed
    }

    var mode: Mode
    var start: LogInstant
    /// When it stops serving entirely, and for how long (crash and recovery).
    var downFrom: LogInstant?
    var downSeconds: Double
    /// When it is healthy again (nil: still failing when the logs end).
    var end: LogInstant?

    func isFailing(at time: LogInstant) -> Bool {
        time >= start && (end == nil || time < end!)
    }

    func isDown(at time: LogInstant) -> Bool {
        guard let downFrom else { return false }
        return time >= downFrom && time < downFrom.adding(seconds: downSeconds)
    }
}
