import CZlib

/// Decompresses a gzip stream (including concatenated members, as `cat a.gz
/// b.gz` produces) from another source. A stream that ends before its trailer
/// yields everything up to the break, then `isTruncated` is set.
package struct GzipSource<Upstream: ByteSource>: ByteSource {
    private var upstream: Upstream
    private let state: InflateState
    private var input: [UInt8]
    private var inputStart = 0
    private var inputEnd = 0
    private var upstreamFinished = false
    private var streamFinished = false
    package private(set) var isTruncated = false
    private let path: String

    package init(upstream: Upstream, path: String) throws(InputError) {
        self.upstream = upstream
        self.path = path
        input = [UInt8](repeating: 0, count: 256 * 1024)
        guard let state = InflateState() else { throw InputError(path: path, message: "cannot initialise gzip decoder") }
        self.state = state
    }

    package mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard buffer.count > 0 else { return 0 }
        while !streamFinished {
            if inputStart == inputEnd, !upstreamFinished {
                let count = try input.withUnsafeMutableBytes { raw in Result { () throws(InputError) in try upstream.read(into: raw) } }.get()
                inputStart = 0
                inputEnd = count
                if count == 0 { upstreamFinished = true }
            }
            if inputStart == inputEnd, upstreamFinished {
                // Input ended inside a member (or before any): a truncated archive.
                if state.hasStarted { isTruncated = true }
                streamFinished = true
                return 0
            }
            let window = inputStart..<inputEnd
            let inflater = state
            let (produced, consumed, status) = input.withUnsafeMutableBytes { raw in
                inflater.inflate(input: UnsafeMutableRawBufferPointer(rebasing: raw[window]), output: buffer)
            }
            inputStart += consumed
            switch status {
            case Z_STREAM_END:
                state.reset()
                // Another member may follow; trailing zero padding is allowed.
                if inputStart == inputEnd, upstreamFinished { streamFinished = true }
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                isTruncated = true
                streamFinished = true
                if produced == 0 { throw InputError(path: path, message: "corrupt gzip data (\(status))") }
            }
            if produced > 0 { return produced }
        }
        return 0
    }
}

/// Owns a zlib inflate stream; a class so its address stays fixed for zlib.
final class InflateState {
    private var stream = z_stream()
    private(set) var hasStarted = false

    init?() {
        guard culprit_inflate_init_gzip(&stream) == Z_OK else { return nil }
    }

    deinit { inflateEnd(&stream) }

    func inflate(input: UnsafeMutableRawBufferPointer, output: UnsafeMutableRawBufferPointer) -> (produced: Int, consumed: Int, status: Int32) {
        if input.count > 0 { hasStarted = true }
        stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        let produced = output.count - Int(stream.avail_out)
        let consumed = input.count - Int(stream.avail_in)
        if status == Z_STREAM_END { hasStarted = false }
        return (produced, consumed, status)
    }

    func reset() { inflateReset(&stream) }
}
