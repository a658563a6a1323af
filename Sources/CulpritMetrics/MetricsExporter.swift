import CulpritWatch

/// `watch --metrics HOST:PORT`: a metrics server fed by a watch session.
package final class MetricsExporter: Sendable {
    package let metrics = WatchMetrics()
    package let server: MetricsServer

    /// Starts serving at `address` (`127.0.0.1:9464`, `:9464`, `[::1]:9464`).
    package init(address: String) throws {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (0...65_535).contains(port) else {
            throw MetricsAddressError(address: address)
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "127.0.0.1" }
        let metrics = self.metrics
        server = try MetricsServer(host: host, port: port) { metrics.render() }
    }

    /// Refreshes the series after each evaluation of `session`.
    package func attach(to session: WatchSession) {
        let metrics = self.metrics
        session.observer = { [unowned session] engine, lines in
            metrics.update(from: engine, linesRead: lines)
            metrics.update(inputs: session.inputAccounts)
        }
    }

    package func stop() { server.stop() }
}

package struct MetricsAddressError: Error, CustomStringConvertible {
    package var address: String
    package var description: String { "not HOST:PORT (for example 127.0.0.1:9464)" }
}
