/// One file holding several services' lines in several formats, in time
/// order, as a host's aggregated log or `kubectl logs --all-containers` piped
/// to one file holds them: an nginx gateway's access lines, a Node service's
/// pino JSON and a Spring Boot service's text lines. Each record comes from
/// the source whose clock is furthest behind, so the file reads forward in time.
struct MixedBenchSource: BenchLineSource {
    private var nginx: NginxBenchSource
    private var pino: PinoBenchSource
    private var springBoot: SpringBootBenchSource

    init(seed: UInt64, start: LogInstant) {
        nginx = NginxBenchSource(seed: seed ^ 0x1, start: start)
        pino = PinoBenchSource(seed: seed ^ 0x2, start: start)
        springBoot = SpringBootBenchSource(seed: seed ^ 0x3, start: start)
    }

    mutating func appendRecord(to buffer: inout LineBuffer) {
        let times = [nginx.now.nanoseconds, pino.now.nanoseconds, springBoot.now.nanoseconds]
        switch times.firstIndex(of: times.min()!)! {
        case 0: nginx.appendRecord(to: &buffer)
        case 1: pino.appendRecord(to: &buffer)
        default: springBoot.appendRecord(to: &buffer)
        }
    }
}
