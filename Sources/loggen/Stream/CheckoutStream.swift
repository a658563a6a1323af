/// The lines of `loggen stream`: one Node.js service, checkout, as its pods
/// write pino JSON (`pino({name: "checkout"})` with pino-http), in time order,
/// as `kubectl logs -f` or a log shipper hands them to `culprit watch -`.
///
///     {"level":30,"time":1741593600412,"pid":1,"hostname":"checkout-7c9f6d5b8-x2k4p","name":"checkout","req":{"id":1,"method":"GET","url":"/api/v1/cart/cart_…","remoteAddress":"10.42.1.17","remotePort":51234},"res":{"statusCode":200},"responseTime":14,"msg":"request completed"}
///
/// Log time advances by 0–100 ms a line (20 lines a second of log time: ten
/// million lines are 5.8 days). About 85% of the lines are pino-http request
/// records (4xx at level 40; 5xx at level 50 as `request errored`), the rest
/// business messages, a few warnings and about 0.3% level-50 errors with an
/// `err`. Every ~10 s of log time a `"memory":{…}` reading (`process.memoryUsage()`).
///
/// The story, placed by line count: checkout 2.0.0 starts at the first line with
/// flat memory; at half the lines 2.0.1 is rolled out (a new pod logs `Starting
/// checkout v2.0.1`, the old one is stopped) and leaks, its resident memory
/// growing steadily by about 1.3 GB (and 5xx and response times creeping up with
/// it); at three quarters 2.0.0 is rolled back in and memory is flat again.
///
/// Each call of `appendLine` writes exactly one line; nothing is allocated per
/// line.
struct CheckoutStream {
    /// Lines the stream will hold; the deploy and rollback are placed from it.
    let totalLines: Int
    private var random: SplitMix64
    /// Log time of the last line, milliseconds since the epoch.
    private var nowMS: Int64
    private var nextGaugeMS: Int64
    private var index = 0
    private let deployLine: Int
    private let rollbackLine: Int

    /// The running process: its pod's fields up to and including `"name"`.
    private var identity: [UInt8] = []
    private var requestID = 0
    private var processStartMS: Int64 = 0
    private var baseMB = 186.0
    private var leaking = false

    /// Lines due at a log time (starts, shutdowns), soonest first.
    private var scheduled: [(at: Int64, identity: [UInt8], message: [UInt8])] = []

    private let oldReplicaSet: String
    private let newReplicaSet: String

    /// Growth of resident memory over 2.0.1's lifetime.
    private static let leakMB = 1_350.0

    init(lines: Int, seed: UInt64, start: LogInstant = .utc(2025, 3, 10, 8, 0)) {
        totalLines = lines
        random = SplitMix64(seed: seed)
        nowMS = start.epochMilliseconds
        nextGaugeMS = nowMS + 4_000
        deployLine = lines / 2
        rollbackLine = lines / 4 * 3
        oldReplicaSet = random.token(random.int(in: 9...10))
        newReplicaSet = random.token(random.int(in: 9...10))
        startProcess(version: "2.0.0", replicaSet: oldReplicaSet, stopping: nil)
    }

    /// Appends the next line, newline included.
    mutating func appendLine(to buffer: inout LineBuffer) {
        if index > 8 {
            if index == deployLine {
                startProcess(version: "2.0.1", replicaSet: newReplicaSet, stopping: identity)
                leaking = true
            } else if index == rollbackLine {
                startProcess(version: "2.0.0", replicaSet: oldReplicaSet, stopping: identity)
                leaking = false
            }
        }
        index += 1
        let gap = Int64(random.below(101))
        if let first = scheduled.first, first.at <= nowMS + gap {
            scheduled.removeFirst()
            nowMS = max(nowMS, first.at)
            head(&buffer, level: 30, identity: first.identity)
            buffer.append(",\"msg\":\"")
            buffer.append(bytes: first.message)
            buffer.append("\"}\n")
            return
        }
        nowMS += gap
        if nowMS >= nextGaugeMS {
            nextGaugeMS += 9_980 + Int64(random.below(41))
            appendMemory(to: &buffer)
            return
        }
        let roll = random.below(10_000)
        if roll < 30 {
            appendError(to: &buffer)
        } else if roll < 90 {
            appendWarning(to: &buffer)
        } else if roll < 1_450 {
            appendBusiness(to: &buffer)
        } else {
            appendRequest(to: &buffer)
        }
    }

    // MARK: lifecycle

    /// How far 2.0.1's leak has gone, 0…1 (0 when no leaking version runs).
    private var leakFraction: Double {
        guard leaking, rollbackLine > deployLine else { return 0 }
        return Double(index - deployLine) / Double(rollbackLine - deployLine)
    }

    /// A new pod of `replicaSet` starts `version`; the pod of `stopping` gets
    /// SIGTERM once the new one is up.
    private mutating func startProcess(version: String, replicaSet: String, stopping old: [UInt8]?) {
        let hostname = "checkout-" + replicaSet + "-" + random.token(5)
        var fields = LineBuffer()
        fields.append(",\"pid\":1,\"hostname\":\"")
        fields.append(hostname)
        fields.append("\",\"name\":\"checkout\"")
        let started = nowMS
        schedule(at: started, fields.bytes, "Starting checkout v\(version)")
        schedule(at: started + 538, fields.bytes, "Server listening at http://0.0.0.0:8080")
        if let old {
            let term = started + 6_000 + Int64(random.below(3_000))
            schedule(at: term, old, "received SIGTERM, draining connections")
            schedule(at: term + 1_104, old, "server closed")
        }
        identity = fields.bytes
        requestID = 0
        processStartMS = started
        baseMB = 178 + random.double(in: 0...14)
    }

    /// Queues a line after every line due at the same time or earlier.
    private mutating func schedule(at time: Int64, _ identity: [UInt8], _ message: String) {
        let position = scheduled.firstIndex { $0.at > time } ?? scheduled.endIndex
        scheduled.insert((time, identity, Array(message.utf8)), at: position)
    }

    // MARK: lines

    /// `{"level":L,"time":T` and the process fields.
    private func head(_ buffer: inout LineBuffer, level: Int, identity: [UInt8]) {
        buffer.append("{\"level\":")
        buffer.append(level)
        buffer.append(",\"time\":")
        buffer.append(Int(nowMS))
        buffer.append(bytes: identity)
    }

    private mutating func appendMemory(to buffer: inout LineBuffer) {
        let elapsed = Double(nowMS - processStartMS) / 1_000
        let cycle = elapsed / 95
        let sawtooth = 9 * (cycle - cycle.rounded(.down))
        let rssMB = baseMB + Self.leakMB * leakFraction + sawtooth + 2.5 * random.gaussian()
        let heapUsedMB = (rssMB - 62) * 0.83 + random.double(in: -1.5...1.5)
        let heapTotalMB = heapUsedMB * 1.22 + 6
        head(&buffer, level: 30, identity: identity)
        buffer.append(",\"memory\":{\"rss\":")
        buffer.append(Int(rssMB * 1_048_576))
        buffer.append(",\"heapTotal\":")
        buffer.append(Int(heapTotalMB * 1_048_576))
        buffer.append(",\"heapUsed\":")
        buffer.append(Int(heapUsedMB * 1_048_576))
        buffer.append(",\"external\":")
        buffer.append(3_200_000 + random.below(400_000))
        buffer.append("},\"msg\":\"process stats\"}\n")
    }

    private struct Route {
        var method: String
        var prefix: String
        /// What follows the prefix: none, a cart id, an order id or a SKU.
        var tail: Tail
        var share: Int
        enum Tail { case none, cart, order, sku, cartItems }
    }

    private static let routes = [
        Route(method: "GET", prefix: "/api/v1/cart/", tail: .cart, share: 34),
        Route(method: "POST", prefix: "/api/v1/cart/", tail: .cartItems, share: 18),
        Route(method: "GET", prefix: "/api/v1/products/", tail: .sku, share: 22),
        Route(method: "POST", prefix: "/api/v1/orders", tail: .none, share: 9),
        Route(method: "GET", prefix: "/api/v1/orders/", tail: .order, share: 11),
        Route(method: "GET", prefix: "/api/v1/shipping/quote?state=LA", tail: .none, share: 6),
    ]
    private static let serverErrorStatuses = [500, 500, 502, 503, 504]
    /// Route index for each percent.
    private static let routeByPercent: [Int] = routes.indices.flatMap { repeatElement($0, count: routes[$0].share) }

    private mutating func appendRequest(to buffer: inout LineBuffer) {
        let route = Self.routes[Self.routeByPercent[random.below(Self.routeByPercent.count)]]
        let leak = leakFraction
        let roll = random.below(10_000)
        let serverErrors = 40 + Int(leak * 160)
        let status: Int
        switch roll {
        case 0..<serverErrors: status = Self.serverErrorStatuses[random.below(Self.serverErrorStatuses.count)]
        case ..<(serverErrors + 150): status = 404
        case ..<(serverErrors + 260): status = 401
        case ..<(serverErrors + 330): status = route.method == "POST" ? 400 : 404
        case ..<(serverErrors + 350): status = 429
        default: status = route.method == "POST" ? 201 : 200
        }
        requestID += 1
        var milliseconds = 3 + random.below(60) + (random.below(20) == 0 ? random.below(900) : 0)
        milliseconds = Int(Double(milliseconds) * (1 + leak * 2.5))
        if status >= 500 { milliseconds += status == 504 ? 30_000 : random.below(2_000) }

        head(&buffer, level: status >= 500 ? 50 : status >= 400 ? 40 : 30, identity: identity)
        buffer.append(",\"req\":{\"id\":")
        buffer.append(requestID)
        buffer.append(",\"method\":\"")
        buffer.append(route.method)
        buffer.append("\",\"url\":\"")
        buffer.append(route.prefix)
        switch route.tail {
        case .none: break
        case .cart: appendID(&buffer, "cart_")
        case .cartItems:
            appendID(&buffer, "cart_")
            buffer.append("/items")
        case .order: appendID(&buffer, "ord_")
        case .sku:
            buffer.append("SKU-")
            buffer.append(10_000 + random.below(90_000))
        }
        buffer.append("\",\"remoteAddress\":\"10.42.")
        buffer.append(random.below(4))
        buffer.append(byte: UInt8(ascii: "."))
        buffer.append(2 + random.below(250))
        buffer.append("\",\"remotePort\":")
        buffer.append(32_768 + random.below(28_000))
        buffer.append("},\"res\":{\"statusCode\":")
        buffer.append(status)
        buffer.append(byte: UInt8(ascii: "}"))
        if status >= 500 {
            buffer.append(",\"err\":{\"type\":\"Error\",\"message\":\"failed with status code ")
            buffer.append(status)
            buffer.append("\",\"stack\":\"Error: failed with status code ")
            buffer.append(status)
            buffer.append("\\n    at ServerResponse.onResFinished (/app/node_modules/pino-http/logger.js:113:40)"
                + "\\n    at ServerResponse.emit (node:events:531:35)\\n    at onFinish (node:_http_outgoing:1005:10)\"}")
        }
        buffer.append(",\"responseTime\":")
        buffer.append(milliseconds)
        buffer.append(status >= 500 ? ",\"msg\":\"request errored\"}\n" : ",\"msg\":\"request completed\"}\n")
    }

    /// `prefix` and ten characters of Crockford base 32 from one random draw.
    private mutating func appendID(_ buffer: inout LineBuffer, _ prefix: String) {
        buffer.append(prefix)
        var bits = random.next()
        for _ in 0..<10 {
            buffer.append(byte: Self.base32[Int(bits & 31)])
            bits >>= 5
        }
    }

    private static let base32 = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    private mutating func appendBusiness(to buffer: inout LineBuffer) {
        head(&buffer, level: 30, identity: identity)
        switch random.below(4) {
        case 0:
            appendID(&buffer, ",\"orderId\":\"ord_")
            appendID(&buffer, "\",\"cartId\":\"cart_")
            buffer.append("\",\"items\":")
            buffer.append(1 + random.below(6))
            buffer.append(",\"totalMinor\":")
            buffer.append(150_000 + random.below(9_000_000))
            buffer.append(",\"currency\":\"NGN\",\"msg\":\"order placed\"}\n")
        case 1:
            appendID(&buffer, ",\"cartId\":\"cart_")
            buffer.append("\",\"lines\":")
            buffer.append(1 + random.below(6))
            buffer.append(",\"currency\":\"NGN\",\"msg\":\"cart priced\"}\n")
        case 2:
            appendID(&buffer, ",\"cartId\":\"cart_")
            buffer.append("\",\"sku\":\"SKU-")
            buffer.append(10_000 + random.below(90_000))
            buffer.append("\",\"quantity\":")
            buffer.append(1 + random.below(3))
            buffer.append(",\"msg\":\"inventory reserved\"}\n")
        default:
            buffer.append(",\"userId\":\"usr_")
            buffer.append(100_000 + random.below(900_000))
            buffer.append("\",\"msg\":\"session refreshed\"}\n")
        }
    }

    private mutating func appendWarning(to buffer: inout LineBuffer) {
        head(&buffer, level: 40, identity: identity)
        if random.below(2) == 0 {
            buffer.append(",\"sku\":\"SKU-")
            buffer.append(10_000 + random.below(90_000))
            buffer.append("\",\"attempt\":")
            buffer.append(2 + random.below(2))
            buffer.append(",\"msg\":\"retrying inventory reservation\"}\n")
        } else {
            buffer.append(",\"upstream\":\"shipping-rates\",\"cached\":true")
            buffer.append(",\"msg\":\"shipping quote served from cache after upstream error\"}\n")
        }
    }

    private static let errors: [[UInt8]] = [
        ",\"err\":{\"type\":\"FetchError\",\"message\":\"request to http://payments.prod.svc.cluster.local/v1/charges "
            + "failed, reason: socket hang up\",\"stack\":\"FetchError: request to http://payments.prod.svc.cluster.local"
            + "/v1/charges failed, reason: socket hang up\\n    at ClientRequest.<anonymous> "
            + "(/app/node_modules/node-fetch/lib/index.js:1491:11)\\n    at ClientRequest.emit (node:events:519:28)\"},"
            + "\"msg\":\"payment authorization failed\"}\n",
        ",\"err\":{\"type\":\"Error\",\"message\":\"connect ECONNREFUSED 10.43.12.7:8080\",\"stack\":\"Error: connect "
            + "ECONNREFUSED 10.43.12.7:8080\\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)\","
            + "\"errno\":-111,\"code\":\"ECONNREFUSED\",\"syscall\":\"connect\",\"address\":\"10.43.12.7\",\"port\":8080},"
            + "\"msg\":\"inventory service unavailable\"}\n",
        ",\"err\":{\"type\":\"TypeError\",\"message\":\"Cannot read properties of undefined (reading 'lines')\","
            + "\"stack\":\"TypeError: Cannot read properties of undefined (reading 'lines')\\n    at priceCart "
            + "(/app/dist/cart/pricing.js:88:31)\\n    at async Object.handler (/app/dist/routes/cart.js:41:19)\"},"
            + "\"msg\":\"unhandled rejection in checkout flow\"}\n",
    ].map { Array($0.utf8) }

    private mutating func appendError(to buffer: inout LineBuffer) {
        head(&buffer, level: 50, identity: identity)
        buffer.append(bytes: Self.errors[random.below(Self.errors.count)])
    }
}
