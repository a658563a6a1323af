/// Inflates a whole gzip body held in memory, such as an HTTP answer sent with
/// `Content-Encoding: gzip`, through the same decoder as `.gz` inputs (`GzipSource`).
package enum Gunzip {
    /// What went wrong.
    package enum Failure: Error, Sendable, Equatable {
        /// The bytes are not a complete gzip stream.
        case corrupt
        /// Inflated, they would pass `limit` bytes.
        case tooLarge(limit: Int)
    }

    /// The inflated bytes of `compressed` (one or more gzip members), at most `limit` of them.
    package static func inflate(_ compressed: [UInt8], limit: Int = 1 << 32) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, compressed.count * 4))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        do {
            var source = try GzipSource(upstream: BufferSource(compressed), path: "gzip body")
            while true {
                let count = try chunk.withUnsafeMutableBytes { buffer throws(InputError) in try source.read(into: buffer) }
                if count == 0 { break }
                output.append(contentsOf: chunk[0..<count])
                guard output.count <= limit else { throw Failure.tooLarge(limit: limit) }
            }
            guard !source.isTruncated else { throw Failure.corrupt }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .corrupt
        }
        return output
    }
}
