import ArgumentParser

/// `loggen bench`: writes a large mixed corpus for culprit's throughput benchmarks.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Write a mixed realistic log corpus of at least --size-mb MiB.",
        discussion: """
            Nine files in nine formats (nginx, pino, ECS, Spring Boot, logfmt, CRI, \
            journald, PostgreSQL, JVM GC), sized by how common each format is. \
            Mostly ordinary lines, with 1-5% errors, 5xx, memory readings, GC pauses, \
            slow queries, starts and OOMs. Build loggen with `-c release` for this: \
            500 MiB then takes a few seconds (a debug build needs most of a minute).
            With --dense: the event-dense corpus instead, where most lines become \
            events (nginx access lines, JVM GC pauses, one file mixing nginx, pino \
            and Spring Boot lines in time order, and some pino and ECS).
            """
    )

    @Option(name: .long, help: "The directory to write the corpus into (created if missing).")
    var out: String

    @Option(name: .customLong("size-mb"), help: "Minimum total size, in MiB.")
    var sizeMB: Int = 500

    @Option(name: .long, help: "Seed; the same seed writes the same corpus.")
    var seed: UInt64 = 42

    @Flag(name: .long, help: "Write the event-dense corpus (most lines become events).")
    var dense = false

    func validate() throws {
        guard sizeMB > 0 else { throw ValidationError("--size-mb must be at least 1") }
    }

    func run() async throws {
        let sizes = try await BenchCorpus.write(into: out, totalBytes: sizeMB << 20, seed: seed,
                                                files: dense ? BenchCorpus.denseFiles : BenchCorpus.files)
        for (name, bytes) in sizes {
            print("\(out)/\(name): \(bytes) bytes")
        }
        print("total: \(sizes.reduce(0) { $0 + $1.1 }) bytes")
    }
}
