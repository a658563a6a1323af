import Foundation

/// The services of a drawn incident and their changes.
extension IncidentDrawer {
    /// An application service with a drawn runtime, memory reporting, transport
    /// and baseline.
    func drawApp(_ name: String, platform: Platform, zone: IncidentZone, using random: inout SplitMix64) -> ServicePlan {
        let runtime = random.pick(ServiceRuntime.appRuntimes)
        let memoryStyle: MemoryStyle = random.chance(0.75) ? random.pick(runtime.memoryStyles) : .none
        let (base, limit): (Double, Double)
        if runtime.isJVM {
            let heap = random.pick([1_024.0, 2_048, 3_072, 4_096])
            (base, limit) = (heap * random.double(in: 0.25...0.45), heap)
        } else if runtime.isGo {
            let limitMB = random.pick([256.0, 512, 1_024])
            (base, limit) = (limitMB * random.double(in: 0.12...0.35), limitMB)
        } else if runtime == .pino {
            let limitMB = random.pick([512.0, 1_024, 2_048])
            (base, limit) = (limitMB * random.double(in: 0.15...0.35), limitMB)
        } else {
            let limitMB = random.pick([512.0, 1_024, 2_048])
            (base, limit) = (limitMB * random.double(in: 0.2...0.4), limitMB)
        }
        let service = ServicePlan(
            name: name, role: .app, runtime: runtime, transport: random.pick(platform.transports),
            memoryStyle: memoryStyle, offset: platform == .vm || random.chance(0.3) ? zone.offset : .utc,
            host: host(for: name, platform: platform, using: &random), platform: platform,
            initialVersion: Self.version(using: &random), requestsPerMinute: random.double(in: 4...80),
            baseErrorShare: random.double(in: 0...0.012), latencyMs: random.double(in: 4...180), baseMB: base,
            limitMB: limit, noiseMB: base * random.double(in: 0.005...0.03),
            sawtoothMB: base * random.double(in: 0...0.12), sawtoothPeriod: random.double(in: 30...300),
            memoryInterval: random.pick([5.0, 10, 15, 30, 60]))
        return service
    }

    /// A Redis or PostgreSQL server.
    func drawStore(redis: Bool, platform: Platform, zone: IncidentZone, using random: inout SplitMix64) -> ServicePlan {
        let name = random.pick(redis ? Self.redisNames : Self.postgresNames)
        let limit = redis ? random.pick([256.0, 512, 1_024, 4_096]) : random.pick([2_048.0, 4_096, 8_192])
        let base = limit * random.double(in: 0.2...0.5)
        return ServicePlan(
            name: name, role: redis ? .redis : .postgres, runtime: redis ? .redis : .postgres,
            transport: random.pick(platform.transports), memoryStyle: redis ? .redisInfo : .none,
            offset: platform == .vm || random.chance(0.3) ? zone.offset : .utc,
            host: host(for: name, platform: platform, using: &random), platform: platform,
            initialVersion: redis ? random.pick(["7.2.4", "7.0.15", "6.2.14", "7.4.1"])
                : random.pick(["16.2", "15.6", "14.11", "13.14"]),
            requestsPerMinute: random.double(in: 20...400), baseErrorShare: 0, latencyMs: random.double(in: 0.2...8),
            baseMB: base, limitMB: limit, noiseMB: base * 0.004, sawtoothMB: 0, sawtoothPeriod: 60,
            memoryInterval: random.pick([30.0, 60, 60, 300]))
    }

    /// nginx or Envoy in front of the apps.
    func drawGateway(platform: Platform, zone: IncidentZone, using random: inout SplitMix64) -> ServicePlan {
        let nginx = random.chance(0.65)
        var name = random.pick(Self.gatewayNames)
        if !nginx, name == "ingress-nginx" { name = "envoy" }
        return ServicePlan(
            name: name, role: .gateway, runtime: nginx ? .nginx : .envoy, transport: random.pick(platform.transports),
            memoryStyle: .none, offset: platform == .vm || random.chance(0.3) ? zone.offset : .utc,
            host: host(for: name, platform: platform, using: &random), platform: platform,
            initialVersion: nginx ? random.pick(["1.25.4", "1.24.0", "1.27.2"]) : random.pick(["1.29.2", "1.31.0"]),
            requestsPerMinute: 0, baseErrorShare: 0, latencyMs: 0.3, baseMB: 60, limitMB: 512, noiseMB: 1,
            sawtoothMB: 0, sawtoothPeriod: 60, memoryInterval: 60)
    }

    /// Adds a change to `service` and returns it: a deploy bumps its version.
    @discardableResult
    func addChange(to service: ServicePlan, _ kind: ChangeEvent.Kind, at time: LogInstant, guilty: Bool,
                   using random: inout SplitMix64) -> ChangeEvent {
        let previous = service.changes.last?.version ?? service.initialVersion
        let version = kind == .deploy ? Self.bump(previous, using: &random) : previous
        let restarts: Bool
        switch kind {
        case .deploy, .rollback, .restart: restarts = true
        case .config: restarts = service.platform == .kubernetes ? random.chance(0.6) : random.chance(0.3)
        }
        let change = ChangeEvent(
            service: service.name, version: version, previousVersion: previous, kind: kind, time: time,
            guilty: guilty, restartsProcess: restarts, sha: random.hex(40),
            actor: random.pick(["ci-bot", "github-actions[bot]", "jenkins", "argocd", "amara.okafor", "j.mensah",
                                "deploy-bot", "s.tanaka"]))
        service.changes.append(change)
        return change
    }

    private func host(for name: String, platform: Platform, using random: inout SplitMix64) -> String {
        switch platform {
        case .kubernetes: return "ip-10-\(random.int(in: 0...3))-\(random.int(in: 0...255))-\(random.int(in: 1...254))"
        case .docker: return "docker-\(random.int(in: 1...4))"
        case .vm: return "\(name.split(separator: "-").first ?? "app")-0\(random.int(in: 1...3))"
        }
    }

    /// A version as teams tag them: semver, now and then with a `v` or a build
    /// suffix, or a calendar version.
    static func version(using random: inout SplitMix64) -> String {
        switch random.below(10) {
        case 0: return "\(random.int(in: 23...25)).\(random.int(in: 1...12)).\(random.int(in: 0...9))"
        default: return "\(random.int(in: 1...9)).\(random.int(in: 0...30)).\(random.int(in: 0...15))"
        }
    }

    /// The next version after `version`: a patch or minor bump.
    static func bump(_ version: String, using random: inout SplitMix64) -> String {
        var parts = version.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 3 else { return version + ".1" }
        if random.chance(0.6) { parts[2] += 1 } else { parts[1] += 1; parts[2] = 0 }
        return parts.map(String.init).joined(separator: ".")
    }

    /// Path prefixes the gateway routes to a service.
    static func routes(for name: String, using random: inout SplitMix64) -> [String] {
        let stem = name.replacingOccurrences(of: "-service", with: "").replacingOccurrences(of: "-api", with: "")
        let style = random.below(3)
        switch style {
        case 0: return ["/api/\(stem)/", "/api/\(stem)/v1/"]
        case 1: return ["/v1/\(stem)/", "/v2/\(stem)/"]
        default: return ["/\(stem)/"]
        }
    }
}
