import CZlib

/// Inflates a whole gzip (or zlib) body held in memory, such as an HTTP answer
/// sent with `Content-Encoding: gzip`.
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
        var input = compressed
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while offset < input.count {
            guard let state = InflateState() else { throw .corrupt }
            var ended = false
            while !ended {
                let (produced, consumed, status) = input.withUnsafeMutableBytes { all in
                    chunk.withUnsafeMutableBytes { out in
                        state.inflate(input: UnsafeMutableRawBufferPointer(rebasing: all[offset...]), output: out)
                    }
                }
                offset += consumed
                output.append(contentsOf: chunk[0..<produced])
                guard output.count <= limit else { throw .tooLarge(limit: limit) }
                switch status {
                case Z_STREAM_END: ended = true
                case Z_OK where consumed > 0 || produced > 0: continue
                case Z_BUF_ERROR where produced > 0: continue
                default: throw .corrupt
                }
            }
        }
        return output
    }
}
