/// api-gateway's nginx logs: `logs/api-gateway/access.log` (combined format plus
/// `$request_time`, `+0100` offsets) and `logs/api-gateway/error.log` (local time).
///
/// nginx checks every API call with auth-service (`auth_request /_auth`), so
/// when auth-service fails the whole edge fails with it.
///
/// Every access line is one `http` event. From 03:15 most requests fail: 503
/// when nginx has marked auth-service down (`no live upstreams`), 504 while it is
/// up but too slow (`upstream timed out`); each failure also has its `[error]`
/// line in error.log (one `error` event). The requests that get through slow
/// down from ~0.2 s to over 10 s.
struct GatewayLogs {
    let timeline: AuthLeakTimeline

    private struct Route {
        var method: String
        var path: String
        var bytes: ClosedRange<Int>
    }

    private static let routes = [
        Route(method: "GET", path: "/api/v1/me", bytes: 540...690),
        Route(method: "POST", path: "/oauth/token", bytes: 1_120...1_260),
        Route(method: "GET", path: "/api/v1/orders?page=", bytes: 3_900...6_400),
        Route(method: "GET", path: "/api/v1/products/", bytes: 1_900...2_800),
        Route(method: "POST", path: "/api/v1/sessions", bytes: 280...340),
        Route(method: "GET", path: "/api/v1/notifications?unread=true", bytes: 610...1_020),
        Route(method: "PUT", path: "/api/v1/cart/items/", bytes: 88...104),
    ]

    func write(using random: inout SplitMix64) -> (access: LogFile, errors: LogFile) {
        let access = LogFile(service: "api-gateway", name: "access.log")
        let errors = LogFile(service: "api-gateway", name: "error.log")
        let clients = TrafficCatalog.clientAddresses(48, using: &random)
        for time in ArrivalClock.arrivals(from: timeline.logStart, to: timeline.logEnd,
                                          perMinute: timeline.edgeRequestsPerMinute, using: &random) {
            var route = random.pick(Self.routes)
            if route.path.hasSuffix("=") { route.path += String(random.int(in: 1...6)) }
            if route.path.hasSuffix("/") { route.path += String(random.int(in: 10_000...99_999)) }
            let client = random.pick(clients)
            let userAgent = random.pick(TrafficCatalog.userAgents)
            let connectionNumber = connection(at: time, using: &random)
            var status = 200
            var bytes = random.int(in: route.bytes)
            var requestTime: Double
            if random.chance(timeline.edgeFailureShare(at: time)) {
                let timedOut = timeline.authIsSlowButAlive(at: time) && random.chance(0.05)
                status = timedOut ? 504 : 503
                bytes = timedOut ? 167 : 197
                requestTime = timedOut ? 60 + random.double(in: 0...0.004) : random.double(in: 0...0.003)
                errors.add(at: time, [.error]) { buffer in
                    NginxErrorLine(
                        time: time, offset: AuthLeakTimeline.zone, level: "error", workerPID: 31,
                        connection: connectionNumber,
                        message: timedOut
                            ? "upstream timed out (110: Connection timed out) while reading response header from upstream"
                            : "no live upstreams while connecting to upstream",
                        client: client, server: "api.example.com",
                        request: "\(route.method) \(route.path) HTTP/1.1",
                        upstream: timedOut ? "http://10.0.2.15:8080/oauth/introspect" : "http://auth_backend/_auth",
                        host: "api.example.com"
                    ).write(to: &buffer)
                }
            } else {
                let median = timeline.edgeLatencySeconds.value(at: time)
                let u = random.unit()
                requestTime = median * (0.45 + 1.1 * u * u) + (u > 0.97 ? median * 2 : 0)
                if route.method == "GET", random.chance(0.012) {
                    status = 404
                    bytes = 153
                } else if random.chance(0.01) {
                    status = 401
                    bytes = 96
                }
            }
            access.add(at: time, [.http]) { buffer in
                NginxAccessLine(
                    client: client, time: time, offset: AuthLeakTimeline.zone, method: route.method,
                    target: route.path, status: status, bodyBytes: bytes,
                    referer: userAgent.hasPrefix("Mozilla") ? "https://app.example.com/" : "-",
                    userAgent: userAgent, requestTime: requestTime
                ).write(to: &buffer)
            }
        }
        for time in ArrivalClock.arrivals(from: timeline.logStart, to: timeline.logEnd, perMinute: .constant(0.06),
                                          using: &random) {
            let client = random.pick(clients)
            let connectionNumber = connection(at: time, using: &random)
            errors.add(at: time) { buffer in
                NginxErrorLine(
                    time: time, offset: AuthLeakTimeline.zone, level: "warn", workerPID: 31,
                    connection: connectionNumber,
                    message: "an upstream response is buffered to a temporary file "
                        + "/var/cache/nginx/proxy_temp/4/21/00000\(connectionNumber) while reading upstream",
                    client: client, server: "api.example.com", request: "GET /api/v1/orders?page=1 HTTP/1.1",
                    upstream: "http://10.0.2.31:8080/api/v1/orders?page=1", host: "api.example.com"
                ).write(to: &buffer)
            }
        }
        return (access, errors)
    }

    /// nginx's connection serial number (`*48213`), which grows with traffic.
    private func connection(at time: LogInstant, using random: inout SplitMix64) -> Int {
        48_113 + Int(time.seconds(since: timeline.logStart) * 0.31) + random.below(30)
    }
}
