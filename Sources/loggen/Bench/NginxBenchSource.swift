/// nginx access lines (combined + `$request_time`): 1.5% 5xx, 3.5% 4xx, the rest
/// 2xx/3xx. The corpus's largest share, as in most fleets.
struct NginxBenchSource: TimedBenchLineSource {
    private var random: SplitMix64
    private var clock: BenchClock
    /// The time of the last record written.
    var now: LogInstant { clock.now }
    private let clients: [String]
    /// Method and path; a path ending in `=` or `/` gets a number appended.
    private static let routes = [
        ("GET", "/"), ("GET", "/api/v1/me"), ("GET", "/api/v1/orders?page="), ("GET", "/api/v1/products/"),
        ("GET", "/api/v1/cart"), ("PUT", "/api/v1/cart/items/"), ("POST", "/oauth/token"),
        ("GET", "/static/js/app.9f3c1e.js"), ("GET", "/static/css/main.41aa02.css"), ("GET", "/images/products/"),
        ("GET", "/api/v1/search?q=shoes&page="), ("GET", "/api/v1/notifications?unread=true"), ("GET", "/healthz"),
        ("GET", "/favicon.ico"), ("POST", "/api/v1/checkout"),
    ]
    private static let referers = ["-", "-", "https://shop.example.com/", "https://shop.example.com/cart", "-"]

    init(seed: UInt64, start: LogInstant) {
        random = SplitMix64(seed: seed)
        clock = BenchClock(start: start, maxGapMicroseconds: 9_000)
        clients = TrafficCatalog.clientAddresses(400, using: &random)
    }

    mutating func appendRecord(to buffer: inout LineBuffer) {
        let time = clock.tick(using: &random)
        let (method, path) = Self.routes[random.below(Self.routes.count)]
        let roll = random.below(1_000)
        let status: Int
        switch roll {
        case 0..<15: status = random.chance(0.7) ? 502 : 504
        case 15..<50: status = random.chance(0.6) ? 404 : 401
        case 50..<70: status = 304
        default: status = method == "POST" ? 201 : 200
        }
        buffer.append(clients[random.below(clients.count)])
        buffer.append(" - - [")
        buffer.appendNginxTimeLocal(time, offset: .wat)
        buffer.append("] \"")
        buffer.append(method)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(path)
        if path.utf8.count > 1, let last = path.utf8.last, last == UInt8(ascii: "=") || last == UInt8(ascii: "/") {
            buffer.append(random.below(90_000) + 1)
        }
        buffer.append(" HTTP/1.1\" ")
        buffer.append(status)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(status == 304 ? 0 : random.int(in: 90...48_000))
        buffer.append(" \"")
        buffer.append(Self.referers[random.below(Self.referers.count)])
        buffer.append("\" \"")
        buffer.append(TrafficCatalog.userAgents[random.below(TrafficCatalog.userAgents.count)])
        buffer.append("\" ")
        buffer.append(Double(random.below(400) + 1) / 1_000 * (status >= 500 ? 40 : 1), places: 3)
        buffer.newline()
    }
}
