import NIOCore
import NIOHTTP1
import NIOPosix
import CulpritIngest

/// ClickHouse's HTTP interface over SwiftNIO: one POST per call (the query in
/// the URL, data in the body), one connection per call, answered as bytes.
/// Calls block the calling thread; they are made from the CLI's synchronous
/// commands, never from an event loop.
public final class ClickHouseHTTP: Sendable {
    /// The server.
    public let address: ClickHouseAddress
    /// How long one call may take, connection included, in seconds.
    public let timeout: Double
    private let group: MultiThreadedEventLoopGroup

    /// A client of the server at `address`.
    public init(address: ClickHouseAddress, timeout: Double = 60) {
        self.address = address
        self.timeout = timeout
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    /// Stops the client's event-loop thread.
    public func shutdown() {
        try? group.syncShutdownGracefully()
    }

    /// Runs `query` with `body` as its data (for `INSERT … FORMAT …`, or the
    /// query itself when `query` is nil) and returns the answer's body.
    public func post(query: String?, body: [UInt8]) throws(ClickHouseError) -> [UInt8] {
        try exchange(query: query, body: body).body
    }

    /// Like `post`, also saying how many bytes the answer took on the wire:
    /// answers are asked for gzip-compressed (`enable_http_compression`).
    public func exchange(query: String?, body: [UInt8]) throws(ClickHouseError) -> (body: [UInt8], wireBytes: Int) {
        var uri = "/?enable_http_compression=1"
        if let query { uri += "&query=" + Self.percentEncoded(query) }
        let endpoint = address.endpoint
        let loop = group.next()
        let promise = loop.makePromise(of: Answer.self)
        let deadline = TimeAmount.nanoseconds(Int64(timeout * 1_000_000_000))
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(deadline)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                // The initializer runs on the channel's event loop: the handlers are added in place.
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(AnswerCollector(promise: promise))
                }
            }
        let channel: any Channel
        do {
            channel = try bootstrap.connect(host: address.host, port: address.port).wait()
        } catch {
            promise.fail(error)
            throw .unreachable(endpoint, reason: Self.describe(error))
        }
        let timer = loop.scheduleTask(in: deadline) {
            promise.fail(TimedOut())
            channel.close(promise: nil)
        }
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: endpoint)
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Connection", value: "close")
        headers.add(name: "Accept-Encoding", value: "gzip")
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: uri, headers: headers)
        var buffer = channel.allocator.buffer(capacity: body.count)
        buffer.writeBytes(body)
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(buffer)), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        let answer: Answer
        do {
            answer = try promise.futureResult.wait()
        } catch is TimedOut {
            throw .timedOut(endpoint, seconds: timeout)
        } catch {
            timer.cancel()
            channel.close(promise: nil)
            throw .unreachable(endpoint, reason: Self.describe(error))
        }
        timer.cancel()
        channel.close(promise: nil)
        var decoded = answer.body
        if answer.gzipped {
            do { decoded = try Gunzip.inflate(answer.body) } catch {
                throw .malformedAnswer(endpoint, reason: "its gzip-compressed body does not inflate")
            }
        }
        guard answer.status == 200 else {
            let text = String(decoding: decoded.prefix(2000), as: UTF8.self)
            let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw .server(endpoint, status: answer.status, message: first.isEmpty ? "no message" : first)
        }
        return (decoded, answer.body.count)
    }

    /// Runs `sql` (a statement, or a query whose answer is wanted) and returns the answer's body.
    public func run(_ sql: String) throws(ClickHouseError) -> [UInt8] {
        try post(query: nil, body: Array(sql.utf8))
    }

    /// `text` with everything but unreserved URL characters percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count * 3 / 2)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            }
        }
        return out
    }

    private static func describe(_ error: any Error) -> String {
        if let io = error as? IOError { return io.description }
        if error is ConnectionEnded { return "the connection closed before the answer ended" }
        return String(describing: error)
    }
}

/// A status and body received.
struct Answer: Sendable {
    var status: Int
    var body: [UInt8]
    /// Whether the body is gzip-compressed (`Content-Encoding: gzip`).
    var gzipped: Bool
}

/// The call ran out of time.
struct TimedOut: Error {}

/// The connection closed before the whole answer came.
struct ConnectionEnded: Error {}

/// Collects one HTTP answer and completes `promise` with it.
private final class AnswerCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<Answer>
    private var status = 0
    private var gzipped = false
    private var body: [UInt8] = []
    private var done = false

    init(promise: EventLoopPromise<Answer>) { self.promise = promise }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            gzipped = head.headers["Content-Encoding"].contains { $0.lowercased() == "gzip" }
        case .body(let buffer):
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard !done else { return }
            done = true
            promise.succeed(Answer(status: status, body: body, gzipped: gzipped))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !done {
            done = true
            promise.fail(ConnectionEnded())
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !done {
            done = true
            promise.fail(error)
        }
        context.close(promise: nil)
    }
}
