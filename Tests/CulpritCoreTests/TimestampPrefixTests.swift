import Testing
@testable import CulpritExtract

/// `docker logs -t` and `kubectl logs --timestamps`: the stamp is the time, the
/// rest is the program's own line.
@Suite struct TimestampPrefixTests {
    @Test func dockerTimestampIsTheTimeAndTheLinesOwnDateIsNoHost() {
        // The app prints Lagos time without an offset; docker stamps UTC.
        let line = decode("2025-03-12T01:50:07.430197113Z 2025-03-12 02:50:07.430  INFO 28814 --- [           main] "
                          + "c.e.auth.AuthApplication                 : Starting AuthApplication v2.3.1 using Java 17.0.10",
                          zone: "Africa/Lagos")
        #expect(line.time == utcMicros(2025, 3, 12, 1, 50, 7, micros: 430_197))
        #expect(line.service == nil)
        #expect(line.host == nil)
        #expect(line.severity == .info)
        #expect(message(line).hasPrefix("2025-03-12 02:50:07.430  INFO 28814"))
    }

    @Test func theHourAfterTheStampIsNoProgramName() {
        // Before: host "2025-03-12", program "03" — a new service every hour.
        let line = decode("2025-03-12T02:15:02.000000000Z 2025-03-12 03:15:02.123 ERROR 28814 --- [io-8080-exec-7] "
                          + "c.e.auth.web.TokenController : token validation failed", envelope: .text)
        #expect(line.service == nil)
        #expect(line.severity == .error)
    }

    @Test func pinoLineInsideADockerTimestampIsUnderstood() {
        let line = decode(#"2025-04-08T10:02:03.207717212Z {"level":50,"time":1744106523207,"pid":1,"hostname":"checkout-z8w4prnk8d-vxksm","msg":"payment provider timed out"}"#)
        #expect(message(line) == "payment provider timed out")
        #expect(line.severity == .error)
        #expect(line.host == "checkout-z8w4prnk8d-vxksm")
        #expect(line.time == utcMicros(2025, 4, 8, 10, 2, 3, micros: 207_717))
    }

    @Test func journalctlShortIsoStaysSyslog() {
        let line = decode("2025-05-20T08:00:37+0000 billing-01 billing-api[19212]: memory usage: 207.0 MiB")
        #expect(line.service == "billing-api")
        #expect(line.host == "billing-01")
        #expect(line.time == utcMicros(2025, 5, 20, 8, 0, 37))
    }

    @Test func aFileOfStampedLinesIsDetectedAsOne() {
        let lines = ["2025-03-12T01:50:07.430197113Z 2025-03-12 02:50:07.430  INFO 28814 --- [main] c.e.A : Starting",
                     "2025-03-12T01:50:07.512000000Z \tat com.example.Auth.start(Auth.java:42)"]
        #expect(detect(lines) == .timestampPrefix)
        #expect(detect(["2025-05-20T08:00:37+0000 billing-01 billing-api[19212]: memory usage: 207.0 MiB"]) == .text)
        #expect(detect(["2025-04-08T09:30:05.006831211Z stdout F {\"level\":30}"]) == .cri)
    }

    @Test func stackTraceBehindDockerTimestampsIsOneRecord() throws {
        let log = """
        2025-03-12T02:08:11.120000000Z 2025-03-12 03:08:11.118 ERROR 28814 --- [io-8080-exec-3] c.e.auth.web.TokenController : token validation failed
        2025-03-12T02:08:11.120001000Z java.util.concurrent.TimeoutException: null
        2025-03-12T02:08:11.120002000Z \tat java.base/java.util.concurrent.CompletableFuture.timedGet(CompletableFuture.java:1960)
        2025-03-12T02:08:11.120003000Z \tat com.example.auth.session.SessionStore.lookup(SessionStore.java:88)
        2025-03-12T02:08:12.400000000Z 2025-03-12 03:08:12.399  INFO 28814 --- [io-8080-exec-4] c.e.auth.web.TokenController : Issued access token
        """
        let events = try extract(log, name: "auth-service.log").events
        #expect(events.map(\.kind) == [.error])
        #expect(events.first?.ref.line == 1)
        #expect(events.first?.service == "auth-service")
        #expect(events.first?.time == utcMicros(2025, 3, 12, 2, 8, 11, micros: 120_000))
    }
}

/// Spring Boot 3's default console format starts with an ISO time and offset, as
/// `docker logs -t` does, then pads the level (`%5p`): each such line is a
/// record of its own, and only the stack trace under an ERROR joins it.
@Suite struct SpringBootThreeFormatTests {
    @Test func paddedLevelsAfterAnOffsetTimeAreRecordsNotContinuations() throws {
        let log = """
        2024-04-10T11:51:40.947+03:00  INFO 1 --- [pricing] [   scheduling-1] c.e.pricing.jobs.MaintenanceTask : cache refreshed took_ms=12
        2024-04-10T11:51:44.241+03:00  WARN 1 --- [pricing] [nio-8080-exec-7] c.e.pricing.jobs.MaintenanceTask : unable to publish audit event 250073, will retry later
        2024-04-10T11:51:45.001+03:00 ERROR 1 --- [pricing] [nio-8080-exec-2] o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() threw exception
        java.lang.IllegalStateException: pool exhausted
        	at com.example.pricing.Pool.take(Pool.java:42)
        2024-04-10T11:51:46.500+03:00  WARN 1 --- [pricing] [nio-8080-exec-9] c.e.pricing.jobs.MaintenanceTask : slow downstream call attempt=2
        2024-04-10T11:51:47.000+03:00 DEBUG 1 --- [pricing] [   scheduling-1] c.e.pricing.jobs.MaintenanceTask : tick
        """
        let events = try extractWithBuiltIns(log, displayPath: "pricing.log").events
        #expect(events.map(\.kind) == [.warning, .error, .warning], "\(events.map { ($0.kind, $0.ref.line) })")
        #expect(events.map(\.ref.line) == [2, 3, 6])
        #expect(events.first?.time == utcMicros(2024, 4, 10, 8, 51, 44, micros: 241_000))
    }
}

/// The envelope a file of `lines` is detected as.
func detect(_ lines: [String]) -> EnvelopeKind {
    ExtractionPipeline.detectEnvelope(Array((lines.joined(separator: "\n") + "\n").utf8))
}
