/// One request as it crosses the gateway and reaches (or fails to reach) a
/// service.
struct ProxiedRequest {
    /// How the upstream answered.
    enum Outcome {
        /// An answer with this status.
        case answered
        /// Connection refused: no process listening.
        case refused
        /// No answer within the gateway's timeout.
        case timedOut
        /// The upstream closed the connection before answering (it died mid-request).
        case reset
    }

    var time: LogInstant
    var method: String
    var path: String
    var status: Int
    var milliseconds: Double
    var bytes: Int
    var client: String
    var userAgent: String
    var requestID: String
    var outcome: Outcome
}

/// Writes a gateway's logs: nginx (combined access log, optionally with
/// `$request_time`, and its error log) or Envoy (default access log format).
final class GatewayWriter {
    let plan: ServicePlan
    let access: LogFile
    let errors: LogFile?
    private let requestTime: Bool
    private let upstreamTime: Bool
    private var connection: Int
    let workerPID: Int

    init(plan: ServicePlan, upstreams: [ServicePlan], using random: inout SplitMix64) {
        self.plan = plan
        if plan.runtime == .nginx {
            access = LogFile(service: plan.name, name: "access.log")
            errors = LogFile(service: plan.name, name: "error.log")
        } else {
            access = LogFile(service: plan.name, name: "envoy.log")
            errors = nil
        }
        requestTime = upstreams.contains { $0.showsLatency } || random.chance(0.7)
        upstreamTime = requestTime && random.chance(0.4)
        connection = random.int(in: 1_000...900_000)
        workerPID = random.int(in: 20...60)
    }

    /// The timeout after which the gateway gives up on an upstream, seconds:
    /// nginx's `proxy_read_timeout` default, Envoy's route default.
    var timeout: Double { plan.runtime == .nginx ? 60 : 15 }

    func write(_ request: ProxiedRequest, upstream: ServicePlan, address: String) {
        connection += 1
        let finished = request.time.adding(seconds: request.milliseconds / 1_000)
        let status: Int
        switch request.outcome {
        case .answered: status = request.status
        case .refused: status = plan.runtime == .nginx ? 502 : 503
        case .timedOut: status = 504
        case .reset: status = plan.runtime == .nginx ? 502 : 503
        }
        if plan.runtime == .nginx {
            let line = NginxAccessLine(client: request.client, time: finished, offset: plan.offset,
                                       method: request.method, target: request.path, status: status,
                                       bodyBytes: request.outcome == .answered ? request.bytes : 157,
                                       userAgent: request.userAgent, requestTime: request.milliseconds / 1_000)
            let withTime = requestTime, withUpstream = upstreamTime
            access.add(at: finished) { buffer in
                if withTime {
                    line.write(to: &buffer)
                    if withUpstream {
                        buffer.append(byte: UInt8(ascii: " "))
                        if request.outcome == .refused { buffer.append("-") }
                        else { buffer.append(max(0, request.milliseconds - 0.4) / 1_000, places: 3) }
                    }
                } else {
                    var plain = LineBuffer()
                    line.write(to: &plain)
                    // combined ends at the user agent: drop the appended request time.
                    let bytes = plain.bytes
                    let cut = bytes.lastIndex(of: UInt8(ascii: " ")) ?? bytes.count
                    buffer.append(bytes: Array(bytes[..<cut]))
                }
            }
            let message: String?
            switch request.outcome {
            case .answered: message = nil
            case .refused: message = "connect() failed (111: Connection refused) while connecting to upstream"
            case .timedOut: message = "upstream timed out (110: Connection timed out) while reading response header from upstream"
            case .reset: message = "upstream prematurely closed connection while reading response header from upstream"
            }
            if let message, let errors {
                let connectionNumber = connection
                let pid = workerPID
                let host = "api.example.com"
                errors.add(at: finished) { buffer in
                    NginxErrorLine(time: finished, offset: plan.offset, level: "error", workerPID: pid,
                                   connection: connectionNumber, message: message, client: request.client, server: host,
                                   request: "\(request.method) \(request.path) HTTP/1.1",
                                   upstream: "http://\(address):8080\(request.path)", host: host).write(to: &buffer)
                }
            }
        } else {
            let flags: String
            switch request.outcome {
            case .answered: flags = "-"
            case .refused: flags = "UF,URX"
            case .timedOut: flags = "UT"
            case .reset: flags = "UC"
            }
            let line = EnvoyAccessLine(time: request.time, method: request.method, path: request.path, status: status,
                                       bytesReceived: request.method == "GET" ? 0 : 312,
                                       bytesSent: request.outcome == .answered ? request.bytes : 91,
                                       durationMilliseconds: Int(request.milliseconds), forwardedFor: request.client,
                                       userAgent: request.userAgent, requestID: request.requestID,
                                       authority: "api.example.com",
                                       upstreamHost: request.outcome == .refused ? "-" : "\(address):8080")
            access.add(at: finished) { buffer in
                var inner = LineBuffer()
                line.write(to: &inner)
                // Envoy prints the response flags where EnvoyAccessLine prints `-`.
                var bytes = inner.bytes
                if flags != "-", let range = Self.firstRange(of: Array(" \(status) - ".utf8), in: bytes) {
                    bytes.replaceSubrange(range, with: Array(" \(status) \(flags) ".utf8))
                }
                buffer.append(bytes: bytes)
            }
        }
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start..<(start + needle.count) }
        }
        return nil
    }

    /// Health checks and stray requests that reach no upstream of the incident.
    func background(from start: LogInstant, to end: LogInstant, using random: inout SplitMix64) {
        let clients = TrafficCatalog.clientAddresses(12, using: &random)
        for time in ArrivalClock.arrivals(from: start, to: end, perMinute: .constant(random.double(in: 1...6)),
                                          using: &random) {
            let paths = ["/healthz", "/favicon.ico", "/robots.txt", "/.env", "/wp-login.php", "/"]
            let path = random.pick(paths)
            let status = path == "/healthz" || path == "/" ? 200 : 404
            write(ProxiedRequest(time: time, method: "GET", path: path, status: status,
                                 milliseconds: random.double(in: 0...2), bytes: status == 200 ? 2 : 153,
                                 client: random.pick(clients), userAgent: random.pick(TrafficCatalog.userAgents),
                                 requestID: random.hex(8), outcome: .answered),
                  upstream: plan, address: "127.0.0.1")
        }
    }
}
