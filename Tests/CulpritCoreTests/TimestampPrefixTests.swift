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

/// The envelope a file of `lines` is detected as.
func detect(_ lines: [String]) -> EnvelopeKind {
    ExtractionPipeline.detectEnvelope(Array((lines.joined(separator: "\n") + "\n").utf8))
}
