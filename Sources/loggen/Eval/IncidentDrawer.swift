/// Draws one incident of a given fault type: the services (runtime, format,
/// transport, memory reporting, zone), their baselines, the changes and the
/// fault's effect on them.
///
/// Nothing here knows how any tool reads logs: rates, durations and effects are
/// drawn from ranges that real incidents span, wide enough that no two draws
/// look alike.
struct IncidentDrawer {
    static let appNames = ["auth-service", "checkout", "payments", "search", "catalog", "orders", "notifications",
                           "billing-api", "ledger", "inventory", "profile", "cart", "shipping", "pricing",
                           "recommendations", "user-api", "media-service", "report-worker"]
    static let gatewayNames = ["api-gateway", "edge", "ingress-nginx", "frontend-proxy"]
    static let redisNames = ["redis", "sessions-redis", "cache"]
    static let postgresNames = ["postgres", "orders-db", "pg-main"]

    var fault: FaultType

    func draw(using random: inout SplitMix64) -> IncidentPlan {
        let zone = IncidentZone.draw(using: &random)
        var platform: Platform
        switch fault {
        case .oomCrashLoop:
            platform = random.chance(0.8) ? .kubernetes : random.pick([.docker, .vm])
        default:
            let roll = random.unit()
            platform = roll < 0.55 ? .kubernetes : roll < 0.72 ? .docker : .vm
        }
        // The anchor: the guilty change, or the innocent change / onset of a
        // fault without one. Any day of 2024–2025, any time of day.
        let day = random.int(in: 0...730)
        let anchor = LogInstant.utc(2024, 1, 1, 0, 0).adding(seconds: Double(day) * 86_400
            + random.double(in: 0...86_399))
        let short = random.chance(0.2)
        let before = short ? random.double(in: 2...6) : random.double(in: 15...90)
        let after = short ? random.double(in: 3...8) : random.double(in: 15...100)
        let start = anchor.adding(seconds: -before * 60)
        var end = anchor.adding(seconds: after * 60)

        // Services: 1–3 apps, a gateway most of the time, a data store often.
        var needGateway = fault == .gatewayOnly || random.chance(0.7)
        var needStore = fault == .dependencyFailure || random.chance(0.45)
        var appCount = (fault == .twoDeploys || fault == .culpritThenInnocent) ? random.int(in: 2...3)
            : random.int(in: 1...3)
        if appCount == 1, !needGateway, !needStore {
            if random.chance(0.5) { needGateway = true } else { needStore = true }
        }
        while appCount + (needGateway ? 1 : 0) + (needStore ? 1 : 0) > 5 { appCount -= 1 }
        var names = Self.appNames
        var apps: [ServicePlan] = []
        for _ in 0..<appCount {
            let index = random.below(names.count)
            let name = names.remove(at: index)
            apps.append(drawApp(name, platform: platform, zone: zone, using: &random))
        }
        var store: ServicePlan?
        if needStore {
            store = drawStore(redis: random.chance(0.5), platform: platform, zone: zone, using: &random)
            for app in apps where random.chance(0.85) || app === apps[0] {
                app.dependencies.append((store!.name, random.double(in: 0.3...1)))
            }
        }
        var gateway: ServicePlan?
        if needGateway {
            gateway = drawGateway(platform: platform, zone: zone, using: &random)
        }
        for app in apps {
            app.routes = Self.routes(for: app.name, using: &random)
        }

        // The fault.
        let x = apps[0]
        var trouble = anchor
        var story = ""
        let afterMinutes = end.minutes(since: anchor)
        switch fault {
        case .dependencyFailure:
            let store = store!
            addChange(to: x, .deploy, at: anchor, guilty: false, using: &random)
            let delay = short ? random.double(in: 1...3) : random.double(in: 3...15)
            trouble = anchor.adding(seconds: delay * 60)
            end = max(end, trouble.adding(seconds: random.double(in: 5...30) * 60))
            let mode: DependencyFailure.Mode = store.role == .redis
                ? random.pick([.maxmemory, .oomKilled, .forkFailed])
                : random.pick([.connectionsExhausted, .diskFull, .oomKilled])
            var failure = DependencyFailure(mode: mode, start: trouble, downFrom: nil, downSeconds: 0, end: nil)
            switch mode {
            case .diskFull, .oomKilled:
                failure.downFrom = trouble.adding(seconds: random.double(in: 0...20))
                failure.downSeconds = random.double(in: 20...180)
                if random.chance(0.5) { failure.end = failure.downFrom!.adding(seconds: failure.downSeconds + 60) }
            case .maxmemory:
                // The keyspace grew toward maxmemory all along, by itself.
                store.slopeAlways = (store.limitMB - store.baseMB) / max(1, trouble.minutes(since: start)) * 0.9
            default:
                break
            }
            store.selfFailure = failure
            story = "\(x.name) is deployed (innocent); \(delay.rounded()) min later \(store.name) fails by itself "
                + "(\(mode.rawValue)) and its clients' calls fail."
        case .oomCrashLoop:
            let change = addChange(to: x, .deploy, at: anchor, guilty: true, using: &random)
            let minutes = random.double(in: 0.7...4)
            x.slopeByVersion[change.version] = (x.limitMB - x.baseMB * 0.9) / minutes
            trouble = anchor.adding(seconds: minutes * 60)
            end = max(end, trouble.adding(seconds: random.double(in: 4...25) * 60))
            story = "\(x.name) \(change.version) runs out of memory \(String(decimal: minutes, places: 1)) min "
                + "after it starts, again at every restart (a crash loop)."
        case .configLatency:
            let change = addChange(to: x, .config, at: anchor, guilty: true, using: &random)
            // Some log must carry request durations: the app's own, or a gateway's.
            x.showsLatency = true
            if gateway == nil, !x.logsOwnDurations {
                gateway = drawGateway(platform: platform, zone: zone, using: &random)
                x.routes = Self.routes(for: x.name, using: &random)
            }
            let factor = random.double(in: 3...15)
            let onset = change.restartsProcess ? anchor.adding(seconds: 40) : anchor.adding(seconds: random.double(in: 2...20))
            x.latencyFactor = RateSchedule([(onset, 1), (onset.adding(seconds: random.double(in: 10...90)), factor)])
            x.errorShare = RateSchedule([(onset, 0), (onset.adding(seconds: 120), random.double(in: 0...0.08))])
            trouble = onset
            story = "a config change of \(x.name) makes it \(String(decimal: factor, places: 1))× slower."
        case .gatewayOnly:
            let change = addChange(to: x, .deploy, at: anchor, guilty: true, using: &random)
            x.quiet = true
            if x.memoryStyle == .none { x.memoryStyle = x.runtime.memoryStyles[0] }
            let growth = random.double(in: 0.5...1.6) * (x.limitMB - x.baseMB)
            x.slopeByVersion[change.version] = min((x.limitMB - x.baseMB) * 0.85, growth) / max(afterMinutes, 3)
            let onset = anchor.adding(seconds: (short ? random.double(in: 0.5...2) : random.double(in: 2...12)) * 60)
            // At least a dozen failed requests at the gateway by the end.
            let failing = max(1, end.minutes(since: onset)) * x.requestsPerMinute / 2
            x.silentTimeoutShare = RateSchedule([(onset, 0), (end, min(0.7, max(random.double(in: 0.1...0.5), 12 / failing)))])
            trouble = onset
            story = "\(x.name) \(change.version) leaks memory and stalls; its own log shows nothing, the gateway "
                + "returns 5xx for it."
        case .deployLeak:
            let change = addChange(to: x, .deploy, at: anchor, guilty: true, using: &random)
            if x.memoryStyle == .none { x.memoryStyle = x.runtime.memoryStyles[0] }
            let growth = random.double(in: 0.3...1.5) * (x.limitMB - x.baseMB)
            x.slopeByVersion[change.version] = growth / max(afterMinutes, 3)
            story = "\(x.name) \(change.version) leaks memory."
        case .twoDeploys:
            let y = apps[1]
            let gap = random.double(in: 2...8) * 60
            let guiltyFirst = random.chance(0.5)
            let first = addChange(to: guiltyFirst ? x : y, .deploy, at: anchor, guilty: guiltyFirst, using: &random)
            let second = addChange(to: guiltyFirst ? y : x, .deploy, at: anchor.adding(seconds: gap),
                                   guilty: !guiltyFirst, using: &random)
            let guilty = guiltyFirst ? first : second
            end = max(end, guilty.time.adding(seconds: random.double(in: 8...40) * 60))
            let effect: String
            // The guilty change is always x's, whichever deploys first.
            (trouble, effect) = applyRegression(to: x, change: guilty, end: end,
                                                gateway: gateway != nil, using: &random)
            story = "\(first.service) and \(second.service) deploy \(Int(gap / 60)) min apart; only "
                + "\(guilty.service) \(guilty.version) is bad (\(effect))."
        case .culpritThenInnocent:
            let y = apps[1]
            let change = addChange(to: x, .deploy, at: anchor, guilty: true, using: &random)
            let effect: String
            (trouble, effect) = applyRegression(to: x, change: change, end: end, gateway: gateway != nil, using: &random)
            let later = trouble.adding(seconds: (short ? random.double(in: 1...3) : random.double(in: 2...10)) * 60)
            addChange(to: y, .deploy, at: later, guilty: false, using: &random)
            end = max(end, later.adding(seconds: random.double(in: 3...30) * 60))
            story = "\(x.name) \(change.version) is bad (\(effect)); \(y.name) deploys after the trouble began."
        case .errorRegression:
            let change = addChange(to: x, .deploy, at: anchor, guilty: true, using: &random)
            x.errorShareByVersion[change.version] = Self.errorShare(for: x, minutes: afterMinutes, using: &random)
            story = "\(x.name) \(change.version) fails a share of its requests; memory flat."
        case .warningRegression:
            let change = addChange(to: x, .deploy, at: anchor, guilty: true, using: &random)
            // Enough warnings to see: at least a dozen in the minutes after the change.
            let requests = max(1, x.requestsPerMinute * max(1, afterMinutes))
            x.warningShareByVersion[change.version] = min(0.5, max(random.double(in: 0.03...0.3), 12 / requests))
            trouble = anchor.adding(seconds: 20)
            story = "\(x.name) \(change.version) logs a new failure at WARN on a share of its requests; they still succeed."
        case .preexistingLeak:
            if x.memoryStyle == .none { x.memoryStyle = x.runtime.memoryStyles[0] }
            let window = end.minutes(since: start)
            x.slopeAlways = random.double(in: 0.25...0.6) * (x.limitMB - x.baseMB) / window
            let target = apps.count > 1 && random.chance(0.75) ? apps[1] : x
            addChange(to: target, .deploy, at: anchor, guilty: false, using: &random)
            trouble = start
            story = "\(x.name) leaks from the first line; \(target.name)'s deploy is innocent."
        case .loadNoDeploy:
            let peak = random.double(in: 2.5...6)
            let ramp = random.double(in: 1...5) * 60
            let hold = random.double(in: 10...60) * 60
            let schedule = RateSchedule([(anchor, 1), (anchor.adding(seconds: ramp), peak),
                                         (anchor.adding(seconds: ramp + hold), peak),
                                         (anchor.adding(seconds: ramp + hold + 300), 1)])
            for service in apps + [gateway, store].compactMap({ $0 }) {
                service.load = schedule
                service.latencyFactor = RateSchedule([(anchor, 1), (anchor.adding(seconds: ramp), 1 + (peak - 1) * 0.8),
                                                      (anchor.adding(seconds: ramp + hold), 1 + (peak - 1) * 0.8),
                                                      (anchor.adding(seconds: ramp + hold + 300), 1)])
                service.loadMB = service.baseMB * random.double(in: 0.05...0.2)
            }
            x.errorShare = RateSchedule([(anchor, 0), (anchor.adding(seconds: ramp), random.double(in: 0.01...0.1)),
                                         (anchor.adding(seconds: ramp + hold), 0.02),
                                         (anchor.adding(seconds: ramp + hold + 300), 0)])
            story = "traffic rises \(String(decimal: peak, places: 1))× with no change behind it."
        }

        // Innocent changes with no effect, well before the trouble.
        let all = apps + [store, gateway].compactMap { $0 }
        let lead = trouble.minutes(since: start)
        if lead > 25, random.chance(fault == .loadNoDeploy ? 0.3 : 0.4) {
            let target = random.pick(all.filter { service in !service.changes.contains { $0.guilty } })
            let kind: ChangeEvent.Kind = fault == .loadNoDeploy ? random.pick([.config, .restart])
                : random.pick([.deploy, .deploy, .config, .restart])
            let time = start.adding(seconds: random.double(in: 3...(lead - 18)) * 60)
            if target.changes.allSatisfy({ abs($0.time.seconds(since: time)) > 600 }) {
                addChange(to: target, kind, at: time, guilty: false, using: &random)
            }
        }
        for service in all { service.changes.sort { $0.time < $1.time } }
        let services = [gateway].compactMap { $0 } + apps + [store].compactMap { $0 }
        for service in services { service.resolveLifetimes(from: start, to: end, using: &random) }
        return IncidentPlan(fault: fault, zone: zone, platform: platform, start: start, end: end,
                            services: services, troubleStart: trouble, story: story)
    }

    /// A bad deploy's effect for the faults whose kind of badness is drawn: a
    /// leak, an error regression or a latency regression. Returns when the
    /// trouble begins and what the badness is.
    private func applyRegression(to service: ServicePlan, change: ChangeEvent, end: LogInstant, gateway: Bool,
                                 using random: inout SplitMix64) -> (LogInstant, String) {
        let afterMinutes = max(3, end.minutes(since: change.time))
        // A latency regression only where some log carries durations.
        let latencyVisible = (gateway && !service.routes.isEmpty) || service.logsOwnDurations
        switch random.below(latencyVisible ? 3 : 2) {
        case 0:
            if service.memoryStyle == .none { service.memoryStyle = service.runtime.memoryStyles[0] }
            let growth = random.double(in: 0.4...1.5) * (service.limitMB - service.baseMB)
            service.slopeByVersion[change.version] = growth / afterMinutes
            return (change.time.adding(seconds: 60), "a memory leak")
        case 1:
            service.errorShareByVersion[change.version] = Self.errorShare(for: service, minutes: afterMinutes,
                                                                          using: &random)
            return (change.time.adding(seconds: 30), "errors")
        default:
            service.showsLatency = true
            let factor = random.double(in: 3...12)
            service.latencyFactor = RateSchedule([(change.time.adding(seconds: 30), 1),
                                                  (change.time.adding(seconds: 90), factor)])
            service.errorShare = RateSchedule([(change.time.adding(seconds: 30), 0),
                                               (change.time.adding(seconds: 150), random.double(in: 0.01...0.1))])
            return (change.time.adding(seconds: 30), "latency ×\(String(decimal: factor, places: 1))")
        }
    }

    /// The share of requests a bad version fails: drawn, but high enough that
    /// at least a dozen failures fall in the minutes after the change.
    static func errorShare(for service: ServicePlan, minutes: Double, using random: inout SplitMix64) -> Double {
        let requests = max(1, service.requestsPerMinute * max(1, minutes))
        return min(0.6, max(random.double(in: 0.04...0.4), 12 / requests))
    }
}
