import Foundation

/// The bench corpus: which files it holds, in which format, and what share of the
/// total size each gets (roughly how common each format is in a fleet's logs).
enum BenchCorpus {
    /// One file of the corpus.
    struct File: Sendable {
        var name: String
        var share: Double
        var format: Format
    }

    /// The line source that writes a file.
    enum Format: Sendable {
        case nginx, pino, ecs, springBoot, logfmt, cri, journald, postgres, gc, mixed
    }

    static let files = [
        File(name: "api-gateway/access.log", share: 0.30, format: .nginx),
        File(name: "checkout/app.jsonl", share: 0.15, format: .pino),
        File(name: "search/app.ndjson", share: 0.10, format: .ecs),
        File(name: "auth-service/app.log", share: 0.15, format: .springBoot),
        File(name: "report-worker/worker.log", share: 0.10, format: .logfmt),
        File(name: "pods/orders-controller.log", share: 0.10, format: .cri),
        File(name: "billing-api/journal.log", share: 0.035, format: .journald),
        File(name: "postgres/postgresql.log", share: 0.035, format: .postgres),
        File(name: "auth-service/gc.log", share: 0.03, format: .gc),
    ]

    /// The event-dense corpus: where most lines are ones culprit turns into
    /// events (access lines, GC pauses), as on a fleet's ingress and JVM hosts,
    /// with several services and formats in one folder and in one mixed file.
    static let denseFiles = [
        File(name: "ingress/access.log", share: 0.50, format: .nginx),
        File(name: "orders-jvm/gc.log", share: 0.20, format: .gc),
        File(name: "node-1/all-containers.log", share: 0.25, format: .mixed),
        File(name: "checkout/app.jsonl", share: 0.025, format: .pino),
        File(name: "search/app.ndjson", share: 0.025, format: .ecs),
    ]

    /// Writes every file of `files` under `directory`, together at least `totalBytes`, two
    /// files at a time (one per core); returns each file's path and size.
    static func write(into directory: String, totalBytes: Int, seed: UInt64, files: [File] = files) async throws -> [(String, Int)] {
        let start = LogInstant.utc(2025, 3, 10, 0, 0)
        return try await withThrowingTaskGroup(of: (String, Int).self) { group in
            for (index, file) in files.enumerated() {
                let path = directory + "/" + file.name
                let target = Int((Double(totalBytes) * file.share).rounded(.up))
                let fileSeed = seed ^ (UInt64(index + 1) &* 0x9e37_79b9_7f4a_7c15)
                group.addTask {
                    try FileManager.default.createDirectory(
                        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    let written: Int
                    switch file.format {
                    case .nginx: written = try fill(NginxBenchSource(seed: fileSeed, start: start), path: path, target: target)
                    case .pino: written = try fill(PinoBenchSource(seed: fileSeed, start: start), path: path, target: target)
                    case .ecs: written = try fill(ECSBenchSource(seed: fileSeed, start: start), path: path, target: target)
                    case .springBoot:
                        written = try fill(SpringBootBenchSource(seed: fileSeed, start: start), path: path, target: target)
                    case .logfmt: written = try fill(LogfmtBenchSource(seed: fileSeed, start: start), path: path, target: target)
                    case .cri: written = try fill(CRIBenchSource(seed: fileSeed, start: start), path: path, target: target)
                    case .journald:
                        written = try fill(JournaldBenchSource(seed: fileSeed, start: start), path: path, target: target)
                    case .postgres:
                        written = try fill(PostgresBenchSource(seed: fileSeed, start: start), path: path, target: target)
                    case .gc: written = try fill(GCBenchSource(seed: fileSeed, start: start), path: path, target: target)
                    case .mixed: written = try fill(MixedBenchSource(seed: fileSeed, start: start), path: path, target: target)
                    }
                    return (file.name, written)
                }
            }
            var sizes: [(String, Int)] = []
            for try await result in group { sizes.append(result) }
            return sizes.sorted { $0.0 < $1.0 }
        }
    }

    /// Appends `source`'s records to a buffer, writing it out every 4 MiB, until
    /// the file holds at least `target` bytes. Generic rather than existential so
    /// each source's `appendRecord` is a direct, inlinable call on the hot path.
    private static func fill<Source: BenchLineSource>(_ source: Source, path: String, target: Int) throws -> Int {
        var source = source
        var writer = try ChunkedFileWriter(path: path)
        var buffer = LineBuffer(capacity: writer.chunkSize + 64 * 1_024)
        while writer.bytesWritten + buffer.count < target {
            source.appendRecord(to: &buffer)
            try writer.flushIfFull(&buffer)
        }
        let total = writer.bytesWritten + buffer.count
        try writer.close(&buffer)
        return total
    }
}
