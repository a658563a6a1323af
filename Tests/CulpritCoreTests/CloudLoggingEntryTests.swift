import Testing

/// Google Cloud Logging `LogEntry` objects, one per line.
@Suite struct CloudLoggingEntryTests {
    static func entry(payload: String, severity: String = "DEFAULT", pod: String = "auth-7d9f8c6b5-x2k4p",
                      container: String? = "auth", timestamp: String = "2025-03-12T01:50:07.430197113Z") -> String {
        let containerLabel = container.map { #","container_name":"\#($0)""# } ?? ""
        return #"{"insertId":"d7d7fcdc64f23f72",\#(payload),"resource":{"type":"k8s_container","labels":{"project_id":"shop-prod","#
            + #""location":"europe-west1-b","cluster_name":"prod-1","namespace_name":"prod","pod_name":"\#(pod)"\#(containerLabel)}},"#
            + #""timestamp":"\#(timestamp)","severity":"\#(severity)","labels":{"k8s-pod/app":"auth-app"},"#
            + #""logName":"projects/shop-prod/logs/stdout","receiveTimestamp":"2025-03-12T01:50:08.630197113Z"}"#
    }

    @Test func textPayloadIsDecodedAgainAndTheTimestampWins() {
        let line = decode(Self.entry(payload: #""textPayload":"2025-03-12 02:50:07.430 ERROR 1 --- [main] c.e.A : token validation failed""#),
                          zone: "Africa/Lagos")
        #expect(line.time == utcMicros(2025, 3, 12, 1, 50, 7, micros: 430_197))
        #expect(line.severity == .error)
        #expect(line.service == "auth")
        #expect(line.host == "auth-7d9f8c6b5-x2k4p")
        #expect(message(line).hasSuffix("token validation failed"))
    }

    @Test func jsonPayloadIsTheAppsOwnRecord() {
        let payload = #""jsonPayload":{"event":"charge failed","level":"error","logger":"payments.charges","status":500,"service":"payments"}"#
        let line = decode(Self.entry(payload: payload, severity: "INFO"))
        #expect(message(line) == "charge failed")
        #expect(line.severity == .error)
        #expect(line.service == "payments")
        #expect(line.fields["status"] == .number(500))
        #expect(line.fields["jsonPayload.status"] == .number(500))
    }

    @Test func severityFillsInOnlyWhatTheLineDoesNotSay() {
        // GKE marks every stderr line ERROR; the line's own word counts first.
        let info = decode(Self.entry(payload: #""textPayload":"2025-03-12 02:50:07.430  INFO 1 --- [main] c.e.A : started""#, severity: "ERROR"))
        #expect(info.severity == .info)
        let bare = decode(Self.entry(payload: #""textPayload":"upstream connect error""#, severity: "ERROR"))
        #expect(bare.severity == .error)
        let unknown = decode(Self.entry(payload: #""textPayload":"listening on :8080""#))
        #expect(unknown.severity == nil)
    }

    @Test func withoutAContainerThePodsWorkloadOrAppLabelNames() {
        #expect(decode(Self.entry(payload: #""textPayload":"ready""#, container: nil)).service == "auth-app")
    }

    @Test func secondsAndNanosAreATimeToo() {
        let line = decode(#"{"textPayload":"ready","timestamp":{"seconds":1741744207,"nanos":430197113},"resource":{"type":"gce_instance"},"logName":"projects/p/logs/syslog"}"#)
        #expect(line.time == utcMicros(2025, 3, 12, 1, 50, 7, micros: 430_197))
    }

    @Test func stackTraceAcrossEntriesIsOneRecord() throws {
        let lines = ["2025-03-12 03:08:11.118 ERROR 1 --- [exec-3] c.e.A : token validation failed",
                     "java.util.concurrent.TimeoutException: null",
                     "\\tat com.example.auth.session.SessionStore.lookup(SessionStore.java:88)",
                     "2025-03-12 03:08:12.399  INFO 1 --- [exec-4] c.e.A : Issued access token"]
        let log = lines.map { Self.entry(payload: #""textPayload":"\#($0)""#) }.joined(separator: "\n") + "\n"
        #expect(detect(log.split(separator: "\n").map(String.init)) == .cloudLoggingJSON)
        let events = try extract(log, name: "cloud-logging.jsonl").events
        #expect(events.map(\.kind) == [.error])
        #expect(events.first?.service == "auth")
    }
}
