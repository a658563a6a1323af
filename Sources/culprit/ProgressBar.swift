import CulpritIngest
import Foundation

/// A one-line progress bar on stderr for long runs: bytes read of the total,
/// MB/s and time left. Silent unless stderr is a terminal and --quiet is off.
final class ProgressBar {
    private let total: Int
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let enabled: Bool

    init(totalBytes: Int, quiet: Bool) {
        total = max(totalBytes, 1)
        enabled = !quiet && isatty(2) == 1 && totalBytes > 0
    }

    func update(_ bytes: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let fraction = min(1, Double(bytes) / Double(total))
        let rate = Double(bytes) / elapsed
        let remaining = rate > 0 ? Double(total - bytes) / rate : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %5.1f%%  %.1f/%.1f MB  %.1f MB/s  ETA %@ ", bar, fraction * 100,
                          Double(bytes) / 1_048_576, Double(total) / 1_048_576, rate / 1_048_576, Self.clock(remaining))
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600 ? String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60) : String(format: "%d:%02d", whole / 60, whole % 60)
    }

    /// The bytes the files hold now (compressed size for .gz: an estimate).
    static func totalBytes(_ files: [InputFile]) -> Int {
        files.reduce(0) { sum, file in
            // stat(2) follows links: report --state hands on files as /proc/self/fd/N.
            var status = stat()
            let size = stat(file.openPath, &status) == 0 ? Int(status.st_size) : 0
            return sum + max(0, size - Int(file.resume?.offset ?? 0))
        }
    }
}
