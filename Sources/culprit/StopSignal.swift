import Dispatch
import Foundation

/// SIGINT and SIGTERM ask a long run to stop at its next check instead of
/// killing it, so `watch` can print its final summary.
final class StopSignal: @unchecked Sendable {
    // @unchecked: `requested` is guarded by `lock`; sources are kept alive by `sources`.
    private let lock = NSLock()
    private var requested = false
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
            sources.append(source)
        }
    }

    func request() { lock.withLock { requested = true } }

    var isRequested: Bool { lock.withLock { requested } }
}
