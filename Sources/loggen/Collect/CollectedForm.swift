import ArgumentParser

/// How a scenario's logs look once a log collector has handed them over: the
/// same records, wrapped the way each tool prints them.
enum CollectedForm: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// `kubectl logs --prefix --timestamps --all-containers`: `[pod/NAME/CONTAINER] <RFC 3339 nanos Z> line`,
    /// every pod's containers one after the other, in one file.
    case kubectl
    /// `kubectl logs --prefix --all-containers`: the same without the time stamp.
    case kubectlPrefix = "kubectl-prefix"
    /// `docker logs -t NAME`: `<RFC 3339 nanos Z> line`, one file per container.
    case docker
    /// `journalctl -o json`: one JSON object per journal entry, every value a string;
    /// a service's stdout is one entry per line. One file per host.
    case journaldJSON = "journald-json"
    /// `journalctl -o export`: `KEY=VALUE` lines, entries separated by a blank line,
    /// a multi-line message as a binary field. Records logged to the journal directly
    /// (one entry per record). One file per host.
    case journaldExport = "journald-export"
    /// The OpenTelemetry Collector's file exporter: one OTLP/JSON export request per
    /// line, holding several services' records.
    case otlp
    /// Google Cloud Logging entries, one JSON object per line (a Cloud Storage sink):
    /// `textPayload` or `jsonPayload`, `resource.labels`, `timestamp`, `severity`.
    case gcp

    /// Whether a host's own log (syslog, a `journalctl` text export) is collected
    /// into this form; container tools leave it as the file it was.
    var collectsHostLogs: Bool { self == .journaldJSON || self == .journaldExport }
}
