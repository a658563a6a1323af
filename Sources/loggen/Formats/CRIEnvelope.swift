/// The Kubernetes CRI container log envelope that kubelet writes under
/// `/var/log/pods`: RFC 3339 UTC time with nanoseconds, the stream, `F` for a full
/// line or `P` for a partial one, then the container's own line:
///
///     2025-04-08T10:02:11.123456789Z stdout F {"level":30,…}
enum CRIEnvelope {
    /// Writes the envelope's prefix for a line the container wrote at `time`; the
    /// inner line follows. kubelet stamps the line when it reads it, a fraction
    /// of a millisecond later: the delay is derived from `time` itself, so it
    /// varies from line to line yet needs no random state.
    static func writePrefix(
        to buffer: inout LineBuffer, time: LogInstant, stream: String = "stdout", partial: Bool = false
    ) {
        let mixed = UInt64(bitPattern: time.nanoseconds) &* 0x9e37_79b9_7f4a_7c15
        let delay = Int64((mixed >> 40) % 900_000) + 35_000
        buffer.appendISO8601(LogInstant(nanoseconds: time.nanoseconds + delay), offset: .utc, fractionDigits: 9,
                             offsetStyle: .zulu)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(stream)
        buffer.append(partial ? " P " : " F ")
    }
}
