import ArgumentParser
import CulpritModel
import CulpritCorrelate
import CulpritExtract
import CulpritRun
import CulpritClickHouse
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `--sink clickhouse://…` and `--host`, for `extract` and `watch`: ship events to ClickHouse.
struct ClickHouseSinkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Ship the events to ClickHouse instead of printing them (see README, \"Many hosts\").",
                               valueName: "clickhouse://HOST:PORT/DB[?table=T]"))
    var sink: String?

    @Option(help: ArgumentHelp("The machine the shipped events come from (default: this host's name).", valueName: "NAME"))
    var host: String?

    @Option(name: .customLong("batch-mb"), help: ArgumentHelp("Megabytes of rows per insert into ClickHouse.", valueName: "MB"))
    var batchMegabytes: Int = 16

    /// The sink, prepared (database and table created), or nil without `--sink`; exits on a bad address or an unreachable server.
    func openSink(diagnostics: Diagnostics) -> (sink: ClickHouseEventSink, encoder: EventRowEncoder)? {
        guard let sink else { return nil }
        let address: ClickHouseAddress
        do { address = try ClickHouseAddress(parsing: sink) } catch { exitWithError("--sink \(error)") }
        guard (1...1024).contains(batchMegabytes) else { exitWithError("--batch-mb \(batchMegabytes): use 1 to 1024") }
        let opened = ClickHouseEventSink(address: address, batchBytes: batchMegabytes << 20)
        opened.onRetry = { diagnostics.warn("--sink \(address): \($0)") }
        do { try opened.prepare() } catch { exitWithError("--sink \(address): \(error)", code: ExitCode.outputFailure.rawValue) }
        return (opened, EventRowEncoder(originHost: originHost))
    }

    /// What a finished shipping run says on stderr.
    static func shippedNote(_ store: ClickHouseEventSink, from encoder: EventRowEncoder) -> String {
        "shipped \(store.eventsShipped) events from \(encoder.originHost) to \(store.address) in \(store.batchesShipped) batches"
            + (store.retries > 0 ? " (\(store.retries) retries)" : "")
    }

    /// `--host`, else the machine's host name.
    var originHost: String {
        if let host, !host.isEmpty { return host }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}

/// `--source clickhouse://…`, for `analyze` and `report`: analyse the events stored there instead of files.
struct ClickHouseSourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Analyse the events shipped to ClickHouse (by extract/watch --sink) instead of files.",
                               valueName: "clickhouse://HOST:PORT/DB[?table=T]"))
    var source: String?

    /// The findings over the stored events in `session`'s window; exits when the store cannot be read.
    func findings(session: AnalysisSession, diagnostics: Diagnostics) -> Findings? {
        guard let source else { return nil }
        let address: ClickHouseAddress
        do { address = try ClickHouseAddress(parsing: source) } catch { exitWithError("--source \(error)") }
        let store = ClickHouseAggregateSource(address: address)
        do {
            var anchor = TimeWindowSpec.nowMicros
            if session.window.needsLastEvent, let last = try store.lastEventTime() { anchor = last }
            let bounds = session.window.resolve(anchorTime: anchor)
            if let message = TimeWindowSpec.emptyWindowMessage(since: bounds.since, until: bounds.until) { diagnostics.warn(message) }
            let aggregator = try store.aggregate(since: bounds.since, until: bounds.until)
            if aggregator.eventCount == 0, aggregator.untimedEvents == 0 {
                diagnostics.warn("--source \(address): no events in \(address.qualifiedTable)" + (bounds.since == nil && bounds.until == nil ? "" : " in the window"))
            }
            diagnostics.note("--source \(address): \(aggregator.eventCount) events in the window; fetched \(store.rowsFetched) rows, \(store.bytesFetched) bytes (\(store.bytesDecoded) inflated)")
            var findings = session.findings(from: aggregator)
            if let inputs = try store.inputs() {
                findings.inputs = inputs
            } else {
                diagnostics.note("--source \(address): no table \(InputTableSchema.qualifiedTable(address)) beside the events, so the files read are not listed")
            }
            for match in findings.serviceMatches {
                if match.isProblem { diagnostics.warn(match.description) } else { diagnostics.note(match.description) }
            }
            return findings
        } catch {
            exitWithError("--source \(address): \(error)")
        }
    }
}
