import Testing

/// `kubectl logs --prefix [--timestamps] [--all-containers]`.
@Suite struct KubectlPrefixTests {
    @Test func containerNamesTheServiceAndThePodTheHost() {
        let line = decode("[pod/auth-7d9f8c6b5-x2k4p/auth] 2025-03-12T01:50:00.123456789Z 2025-03-12 02:50:00.120 ERROR 1 --- "
                          + "[io-8080-exec-2] c.e.auth.web.TokenController : token validation failed", zone: "Africa/Lagos")
        #expect(line.service == "auth")
        #expect(line.host == "auth-7d9f8c6b5-x2k4p")
        #expect(line.severity == .error)
        #expect(line.time == utcMicros(2025, 3, 12, 1, 50, 0, micros: 123_456))
        #expect(message(line).hasPrefix("2025-03-12 02:50:00.120 ERROR"))
    }

    @Test func withoutTimestampsTheLinesOwnTimeIsRead() {
        let line = decode("[pod/auth-7d9f8c6b5-x2k4p/auth] 2025-03-12 02:50:00.120 ERROR 1 --- [main] c.e.A : boom", zone: "Africa/Lagos")
        #expect(line.time == utcMicros(2025, 3, 12, 1, 50, 0, micros: 120_000))
        #expect(line.service == "auth")
    }

    @Test func withoutAContainerThePodsWorkloadIsTheService() {
        #expect(decode("[pod/auth-7d9f8c6b5-x2k4p/] token validation failed").service == "auth")
    }

    @Test func theLinesOwnServiceComesFirst() {
        let line = decode(#"[pod/shop-5b7c9d8f4-djj64/app] {"level":"error","service":"checkout","msg":"card declined"}"#)
        #expect(line.service == "checkout")
        #expect(message(line) == "card declined")
    }

    @Test func kubectlOutputIsDetectedPerFile() {
        #expect(detect(["[pod/auth-7d9f8c6b5-x2k4p/auth] 2025-03-12T01:50:00.123456789Z starting",
                        "[pod/auth-7d9f8c6b5-x2k4p/envoy] 2025-03-12T01:50:00.200000000Z ready"]) == .kubectlPrefix)
    }

    @Test func sidecarsOfOnePodAreTheirOwnServices() throws {
        let log = """
        [pod/auth-7d9f8c6b5-x2k4p/auth] 2025-03-12T02:15:00.100000000Z 2025-03-12 03:15:00.099 ERROR 1 --- [exec-1] c.e.A : token validation failed
        [pod/auth-7d9f8c6b5-x2k4p/envoy] 2025-03-12T02:15:01.000000000Z [2025-03-12T02:15:00.990Z] "POST /oauth/token HTTP/1.1" 503 UC 0 95 5001 - "10.0.0.7" "okhttp/4.12.0" "a1b2" "auth" "10.42.0.9:8080"
        """
        let events = try extract(log, name: "kubectl.log").events
        #expect(events.map(\.service) == ["auth", "envoy"])
        #expect(events.map(\.host) == ["auth-7d9f8c6b5-x2k4p", "auth-7d9f8c6b5-x2k4p"])
    }

    @Test func stackTraceBehindThePrefixIsOneRecord() throws {
        let log = """
        [pod/auth-7d9f8c6b5-x2k4p/auth] 2025-03-12T02:08:11.120000000Z 2025-03-12 03:08:11.118 ERROR 1 --- [exec-3] c.e.A : token validation failed
        [pod/auth-7d9f8c6b5-x2k4p/auth] 2025-03-12T02:08:11.120001000Z java.util.concurrent.TimeoutException: null
        [pod/auth-7d9f8c6b5-x2k4p/auth] 2025-03-12T02:08:11.120002000Z \tat com.example.auth.session.SessionStore.lookup(SessionStore.java:88)
        [pod/auth-7d9f8c6b5-x2k4p/auth] 2025-03-12T02:08:11.120003000Z Caused by: java.io.IOException: connection reset
        [pod/auth-7d9f8c6b5-x2k4p/auth] 2025-03-12T02:08:11.120004000Z \t... 42 more
        [pod/auth-7d9f8c6b5-x2k4p/auth] 2025-03-12T02:08:12.400000000Z 2025-03-12 03:08:12.399  INFO 1 --- [exec-4] c.e.A : Issued access token
        """
        let events = try extract(log, name: "kubectl.log").events
        #expect(events.map(\.kind) == [.error])
        #expect(events.first?.ref.line == 1)
    }
}
