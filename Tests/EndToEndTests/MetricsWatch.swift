import Foundation

/// `culprit watch … --metrics` on a free loopback port, scraped as the test goes.
final class MetricsWatch {
    private let process: Process
    let port: Int

    init(arguments: [String]) throws {
        var lastError = ""
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...29_999)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CulpritBinary.path)
            process.arguments = arguments + ["--metrics", "127.0.0.1:\(port)"]
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, process.isRunning, Self.fetch(port: port) == nil { Thread.sleep(forTimeInterval: 0.1) }
            if process.isRunning {
                self.port = port
                self.process = process
                return
            }
            lastError = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        throw MetricsWatchError(message: "watch did not start: \(lastError)")
    }

    static func fetch(port: Int) -> String? {
        guard let url = URL(string: "http://127.0.0.1:\(port)/metrics"), let data = try? Data(contentsOf: url) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The unlabelled series, by name.
    func scrape() -> [String: Double] {
        var series = [String: Double]()
        for line in (Self.fetch(port: port) ?? "").split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            if parts.count == 2, !parts[0].contains("{"), let value = Double(parts[1]) { series[String(parts[0])] = value }
        }
        return series
    }

    func waitUntil(seconds: Double, _ condition: ([String: Double]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(scrape()) { return true }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return false
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

struct MetricsWatchError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
