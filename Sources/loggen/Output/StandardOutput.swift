#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output as raw `write(2)` calls on file descriptor 1, for `loggen
/// stream`: no `FileHandle`, no `print`, one system call per flushed buffer.
///
/// A reader that goes away (`culprit watch` stopped, `| head`) is the normal end
/// of a stream, not an error: SIGPIPE is ignored so `write` fails with `EPIPE`
/// instead of killing the process, and `write` reports `.closed`.
struct StandardOutput {
    enum Outcome {
        /// Every byte was written.
        case written
        /// The reading end is closed (`EPIPE`) or descriptor 1 is not open (`EBADF`).
        case closed
    }

    /// A write failure other than a closed reader (a full disk, an I/O error).
    struct WriteError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "standard output: " + String(cString: strerror(code)) }
    }

    init() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes and empties `buffer`, retrying partial writes, `EINTR` and (for a
    /// non-blocking descriptor) `EAGAIN`.
    func write(_ buffer: inout LineBuffer) throws -> Outcome {
        let outcome = try buffer.bytes.withUnsafeBytes { raw -> Outcome in
            guard var next = raw.baseAddress else { return .written }
            var left = raw.count
            while left > 0 {
                let count = systemWrite(1, next, left)
                if count >= 0 {
                    next += count
                    left -= count
                    continue
                }
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: Self.waitUntilWritable()
                case EPIPE, EBADF: return .closed
                default: throw WriteError(code: errno)
                }
            }
            return .written
        }
        buffer.removeAll()
        return outcome
    }

    private static func waitUntilWritable() {
        var descriptor = pollfd(fd: 1, events: Int16(POLLOUT), revents: 0)
        _ = poll(&descriptor, 1, 100)
    }
}

/// `write(2)`, named apart from `StandardOutput.write`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
    return Musl.write(descriptor, bytes, count)
    #else
    return Darwin.write(descriptor, bytes, count)
    #endif
}

/// A monotonic clock and sleep, for `loggen stream --rate`.
enum MonotonicClock {
    /// Seconds since an arbitrary fixed point.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Sleeps for `seconds` (nothing when not positive).
    static func sleep(_ seconds: Double) {
        guard seconds > 0 else { return }
        let whole = seconds.rounded(.down)
        var request = timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR {
            request = remaining
        }
    }
}
