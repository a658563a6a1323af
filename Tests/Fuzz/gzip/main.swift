// Fuzz target: GzipSource on arbitrary bytes, and on gzip that zlib wrote for the
// fuzzer's bytes — whole, as two members, or cut short — read through pieces of
// sizes the fuzzer picks. Whole streams give back exactly the bytes; a cut one
// gives a prefix of them and says it was truncated.
import CZlib
@testable import CulpritIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGzip(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzedInput(data, count)
    let mode = input.choice(of: [0, 1, 2, 3])
    let pieceSize = Int(input.byte()) + 1
    let readSize = Int(input.byte()) * 16 + 1
    let split = Int(input.byte())
    let original = Array(input.rest)
    switch mode {
    case 0:
        _ = inflateAll(original, pieceSize: pieceSize, readSize: readSize)
    case 1:
        let (output, truncated) = inflateAll(gzip(original), pieceSize: pieceSize, readSize: readSize)
        check(output == original && !truncated, "a whole gzip stream of \(original.count) bytes gave \(output?.count ?? -1), truncated: \(truncated)")
    case 2:
        let cut = min(split, original.count)
        let members = gzip(Array(original[..<cut])) + gzip(Array(original[cut...]))
        let (output, truncated) = inflateAll(members, pieceSize: pieceSize, readSize: readSize)
        check(output == original && !truncated, "two members of \(original.count) bytes gave \(output?.count ?? -1), truncated: \(truncated)")
    default:
        let compressed = gzip(original)
        let kept = compressed.count * split / 256
        let (output, truncated) = inflateAll(Array(compressed[..<kept]), pieceSize: pieceSize, readSize: readSize)
        guard let output else { return 0 }
        check(output.count <= original.count && Array(original[..<output.count]) == output, "a cut stream gave bytes that are not a prefix")
        check(truncated || kept == 0, "a stream cut at \(kept) of \(compressed.count) bytes is not reported truncated")
    }
    return 0
}

/// Bytes handed out at most `pieceSize` at a time, as a pipe or a slow disk would.
private struct PieceSource: ByteSource {
    let bytes: [UInt8]
    let pieceSize: Int
    var position = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let count = min(pieceSize, buffer.count, bytes.count - position)
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<(position + count)]))
        }
        position += count
        return count
    }
}

/// Everything GzipSource yields (nil when it throws) and whether it says the data
/// was truncated. Stops at 64 MiB: a small input may inflate to far more.
private func inflateAll(_ compressed: [UInt8], pieceSize: Int, readSize: Int) -> (output: [UInt8]?, truncated: Bool) {
    do {
        var source = try GzipSource(upstream: PieceSource(bytes: compressed, pieceSize: pieceSize), path: "fuzz.gz")
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: readSize)
        while output.count < 64 << 20 {
            let count = try buffer.withUnsafeMutableBytes { raw in try source.read(into: raw) }
            check(count >= 0 && count <= readSize, "read \(count) bytes into \(readSize)")
            if count == 0 { break }
            output += buffer[..<count]
        }
        return (output, source.isTruncated)
    } catch {
        check("\(error)".hasPrefix("fuzz.gz: "), "error message without the path: \(error)")
        return (nil, true)
    }
}

/// `bytes` as one gzip member, written by zlib.
private func gzip(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    check(deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                        zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK, "deflateInit2 failed")
    defer { deflateEnd(&stream) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
    let produced = input.withUnsafeMutableBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            stream.next_out = target.baseAddress
            stream.avail_out = uInt(target.count)
            check(deflate(&stream, Z_FINISH) == Z_STREAM_END, "deflate did not finish")
            return target.count - Int(stream.avail_out)
        }
    }
    return Array(output[..<produced])
}
