import ArgumentParser

/// `loggen stream`: one service's live log, on standard output, for `culprit watch -`.
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Write one service's time-ordered log stream to standard output.",
        discussion: """
            checkout (Node.js, pino JSON with epoch-millisecond times and pino-http \
            request records) as `kubectl logs -f` shows it: 20 lines per second of log \
            time, a memory reading every ~10 s, occasional errors and 4xx/5xx requests. \
            2.0.0 starts at the first line; at half the lines 2.0.1 is deployed and its \
            memory grows steadily; at three quarters 2.0.0 is rolled back and memory is \
            flat again. For benchmarking `culprit watch -` (build loggen with \
            `-c release`); with --rate, for alert latency on a live pipe. The stream \
            ends quietly when its reader goes away.
            """
    )

    @Option(name: .long, help: "Number of lines to write.")
    var lines: Int = 10_000_000

    @Option(name: .long, help: "Seed; the same seed writes the same stream.")
    var seed: UInt64 = 42

    @Option(name: .long, help: ArgumentHelp(
        "Write about this many lines per second of wall time, flushing after each batch "
            + "(default: as fast as possible).", valueName: "LINES_PER_SECOND"))
    var rate: Double?

    func validate() throws {
        guard lines > 0 else { throw ValidationError("--lines must be at least 1") }
        if let rate, !(rate > 0 && rate.isFinite) {
            throw ValidationError("--rate must be a positive number of lines per second")
        }
    }

    func run() throws {
        var stream = CheckoutStream(lines: lines, seed: seed)
        let output = StandardOutput()
        if let rate {
            try paced(&stream, output: output, rate: rate)
        } else {
            try unpaced(&stream, output: output)
        }
    }

    /// As fast as possible: one `write` per MiB.
    private func unpaced(_ stream: inout CheckoutStream, output: StandardOutput) throws {
        let chunk = 1 << 20
        var buffer = LineBuffer(capacity: chunk + 8 * 1_024)
        for _ in 0..<lines {
            stream.appendLine(to: &buffer)
            if buffer.count >= chunk, try output.write(&buffer) == .closed { return }
        }
        _ = try output.write(&buffer)
    }

    /// Batches of about a tenth of a second's lines, each written out at once and
    /// then slept after until the schedule `rate` lines per second sets (kept
    /// against the start time, so sleeping late does not add up).
    private func paced(_ stream: inout CheckoutStream, output: StandardOutput, rate: Double) throws {
        let batch = max(1, Int((rate / 10).rounded()))
        var buffer = LineBuffer(capacity: 64 * 1_024)
        let start = MonotonicClock.now()
        var written = 0
        while written < lines {
            let count = min(batch, lines - written)
            for _ in 0..<count { stream.appendLine(to: &buffer) }
            written += count
            if try output.write(&buffer) == .closed { return }
            if written < lines {
                MonotonicClock.sleep(start + Double(written) / rate - MonotonicClock.now())
            }
        }
    }
}
