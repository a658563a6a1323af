/// Runs a drawn incident: every service's log files as the service wrote them,
/// and the hosts' own logs where the kernel killed a process.
struct IncidentSimulator {
    /// A service's files: those its container's output holds, and those written
    /// beside it whatever the transport (a cron job's, a sidecar's).
    struct ServiceOutput {
        var plan: ServicePlan
        var streams: [LogFile]
        var sideFiles: [LogFile]
    }

    var incident: IncidentPlan

    func run(using random: inout SplitMix64) -> (services: [ServiceOutput], nodes: [NodeLog]) {
        var nodes: [String: NodeLog] = [:]
        var nodeOrder: [String] = []
        func node(for plan: ServicePlan) -> NodeLog {
            if let existing = nodes[plan.host] { return existing }
            let shortISO = plan.platform == .kubernetes || (plan.platform == .vm && random.chance(0.5))
            let log = NodeLog(host: plan.host, platform: plan.platform, offset: plan.platform == .kubernetes ? .utc : plan.offset,
                              shortISO: shortISO, start: incident.start, using: &random)
            nodes[plan.host] = log
            nodeOrder.append(plan.host)
            return log
        }
        var outputs: [ServiceOutput] = []
        var stores: [String: ServicePlan] = [:]
        for plan in incident.services where plan.role == .redis || plan.role == .postgres {
            stores[plan.name] = plan
            let simulator = StoreSimulator(plan: plan)
            let needsNode = plan.selfFailure?.mode == .oomKilled
            simulator.simulate(incident: incident, node: needsNode ? node(for: plan) : nil, using: &random)
            outputs.append(ServiceOutput(plan: plan, streams: [simulator.main],
                                         sideFiles: Array(simulator.files.dropFirst())))
        }
        let gateway = incident.services.first { $0.role == .gateway }.map { GatewayWriter(plan: $0, upstreams: incident.services, using: &random) }
        for plan in incident.services where plan.role == .app {
            let app = AppSimulator(plan: plan, incident: incident, using: &random)
            for (index, life) in plan.lifetimes.enumerated() {
                app.writeLifetime(life, incident: incident, using: &random)
                app.writeMemory(life, incident: incident, using: &random)
                guard life.ending == .oomKilled, life.end >= incident.start else { continue }
                let killedByKernel = app.writeOutOfMemory(life, using: &random)
                let host = node(for: plan)
                var podHash = SplitMix64(named: plan.name + life.version)
                var podSuffix = SplitMix64(named: plan.name, salt: 7)
                let pod = plan.name + "-" + podHash.token(9) + "-" + podSuffix.token(5)
                if killedByKernel {
                    host.oomKill(at: life.end, service: plan.name, process: Self.processName(plan.runtime),
                                 pid: life.pid, rssMB: plan.limitMB * 1.02, pod: pod, using: &random)
                }
                if index + 1 < plan.lifetimes.count {
                    let next = plan.lifetimes[index + 1]
                    host.restart(at: next.start, service: plan.name, container: plan.name, pod: pod,
                                 backoff: next.start.seconds(since: life.end), restartCount: next.crashCount)
                }
            }
            let perMinute = plan.requestsPerMinute
            let load = plan.load
            let schedule = RateSchedule(stride(from: 0, through: 40, by: 1).map { step in
                let time = incident.start.adding(seconds: incident.end.seconds(since: incident.start) * Double(step) / 40)
                return (time, perMinute * load.value(at: time))
            })
            for time in ArrivalClock.arrivals(from: incident.start, to: incident.end, perMinute: schedule, using: &random) {
                guard let request = app.serve(at: time, incident: incident, stores: stores,
                                              gatewayTimeout: gateway?.timeout ?? 60, using: &random) else { continue }
                if let gateway, !plan.routes.isEmpty {
                    gateway.write(request, upstream: plan, address: Self.address(of: plan))
                }
            }
            app.writeBackground(incident: incident, using: &random)
            var streams = [app.main]
            var side: [LogFile] = []
            for file in app.files.dropFirst() {
                if file.path.hasSuffix("cgroup-memory.log") { side.append(file) } else { streams.append(file) }
            }
            outputs.append(ServiceOutput(plan: plan, streams: streams, sideFiles: side))
        }
        if let gateway {
            gateway.background(from: incident.start, to: incident.end, using: &random)
            outputs.insert(ServiceOutput(plan: gateway.plan, streams: [gateway.access] + (gateway.errors.map { [$0] } ?? []),
                                         sideFiles: []), at: 0)
        }
        let used = nodeOrder.compactMap { nodes[$0] }
        for log in used { log.background(from: incident.start, to: incident.end, using: &random) }
        return (outputs, used)
    }

    /// The process name the kernel prints for a runtime's main process.
    static func processName(_ runtime: ServiceRuntime) -> String {
        switch runtime {
        case .springBoot2, .springBoot3, .logback: return "java"
        case .gunicorn, .structlog: return "gunicorn"
        case .pino: return "node"
        case .zap, .logfmt, .klog: return "server"
        case .nginx: return "nginx"
        case .envoy: return "envoy"
        case .redis: return "redis-server"
        case .postgres: return "postgres"
        }
    }

    /// The pod or host address the gateway reaches a service at.
    static func address(of plan: ServicePlan) -> String {
        var random = SplitMix64(named: plan.name, salt: 0x6970)
        return "10.\(random.int(in: 42...44)).\(random.int(in: 0...255)).\(random.int(in: 2...254))"
    }
}
