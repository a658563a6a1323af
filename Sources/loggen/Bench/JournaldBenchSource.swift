/// `journalctl -o short-iso` lines of a host: systemd, sshd, cron, an app with a
/// `memory usage: … MiB` reading every 30 lines, and a kernel OOM kill every
/// 100,000 lines.
struct JournaldBenchSource: BenchLineSource {
    private var random: SplitMix64
    private var clock: BenchClock
    private var count = 0
    private var usageMB = 210.0
    private static let ordinary: [(String, String)] = [
        ("sshd[", "Accepted publickey for deploy from 198.51.100.7 port 52144 ssh2: ED25519 SHA256:Xq2v9kzP"),
        ("CRON[", "(root) CMD (   cd / && run-parts --report /etc/cron.hourly)"),
        ("systemd[", "Finished Cleanup of Temporary Directories."),
        ("systemd[", "Started Session 4121 of User deploy."),
        ("systemd-logind[", "Removed session 4120."),
        ("billing-api[", "invoice inv_8KQ2ZB finalized for acme-foods (3 line items)"),
        ("billing-api[", "invoice inv_Q7MX2C finalized for kano-textiles (11 line items)"),
        ("billing-api[", "webhook for inv_8KQ2ZB delivered to acme-foods"),
        ("billing-api[", "webhook for inv_T3VN8R delivered to delta-fresh"),
        ("billing-api[", "invoice inv_T3VN8R finalized for delta-fresh (2 line items)"),
    ]

    init(seed: UInt64, start: LogInstant) {
        random = SplitMix64(seed: seed)
        clock = BenchClock(start: start, maxGapMicroseconds: 200_000)
    }

    mutating func appendRecord(to buffer: inout LineBuffer) {
        let time = clock.tick(using: &random)
        count += 1
        buffer.appendISO8601(time, offset: .utc, fractionDigits: 0, offsetStyle: .compact)
        buffer.append(" billing-01 ")
        if count % 100_000 == 0 {
            buffer.append("kernel: Out of memory: Killed process 24817 (billing-api) total-vm:2712844kB, "
                + "anon-rss:1998720kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:4628kB oom_score_adj:0\n")
        } else if count % 30 == 0 {
            usageMB += random.double(in: -1.5...1.6)
            buffer.append("billing-api[24817]: memory usage: ")
            buffer.append(usageMB, places: 1)
            buffer.append(" MiB\n")
        } else {
            let (identifier, message) = Self.ordinary[random.below(Self.ordinary.count)]
            buffer.append(identifier)
            buffer.append(identifier == "systemd[" ? 1 : random.int(in: 1_000...60_000))
            buffer.append("]: ")
            buffer.append(message)
            buffer.newline()
        }
    }
}
