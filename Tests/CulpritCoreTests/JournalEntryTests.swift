import Testing

/// `journalctl -o json`: what an entry's fields mean.
@Suite struct JournalEntryTests {
    /// A journal entry of a Spring Boot service under systemd, as `journalctl -o json` prints it.
    static func entry(message: String, unit: String = "auth-service.service", identifier: String = "java",
                      realtime: String = "1741744207430197", extra: String = "") -> String {
        #"{"__CURSOR":"s=a09c2d178a6016980d0e2f33bfeaa39d;i=4ece7;b=528ef0e1d5959f24349998758a0c6ede;m=3c870d8c7b;t=6301a4d53978f;x=29899f4d959ab2bb","#
            + #""__REALTIME_TIMESTAMP":"\#(realtime)","__MONOTONIC_TIMESTAMP":"259963789475","_BOOT_ID":"528ef0e1d5959f24349998758a0c6ede","#
            + #""_TRANSPORT":"stdout","PRIORITY":"6","SYSLOG_FACILITY":"3","SYSLOG_IDENTIFIER":"\#(identifier)","MESSAGE":"\#(message)","#
            + #""_PID":"28814","_UID":"998","_GID":"998","_COMM":"java","_SYSTEMD_CGROUP":"/system.slice/\#(unit)","_SYSTEMD_UNIT":"\#(unit)","#
            + #""_SYSTEMD_SLICE":"system.slice","_MACHINE_ID":"80fe9f10dd8dfbd9e414bbd516004a5e","_HOSTNAME":"auth-01"\#(extra)}"#
    }

    @Test func realtimeWinsOverTheMessagesOwnLocalTime() {
        // The reported bug: the message's Lagos time read as UTC moved every event by an hour.
        let line = decode(Self.entry(message: "2025-03-12 02:50:07.430  INFO 28814 --- [main] c.e.auth.AuthApplication : Starting AuthApplication v2.3.1"))
        #expect(line.time == 1_741_744_207_430_197)
        #expect(line.time == utcMicros(2025, 3, 12, 1, 50, 7, micros: 430_197))
        #expect(line.severity == .info)
        #expect(message(line).hasSuffix("Starting AuthApplication v2.3.1"))
    }

    @Test func theUnitNamesTheServiceBeforeTheIdentifier() {
        let line = decode(Self.entry(message: "resident memory rss=512.0MB"))
        #expect(line.service == "auth-service")
        #expect(line.host == "auth-01")
    }

    @Test func systemdsMessageAboutAUnitIsThatUnits() {
        let line = decode(Self.entry(message: "auth-service.service: Main process exited, code=killed, status=9/KILL", unit: "init.scope",
                                     identifier: "systemd", extra: #","UNIT":"auth-service.service""#))
        #expect(line.service == "auth-service")
    }

    @Test func aProgramOutsideAServiceUnitIsItsIdentifier() {
        let line = decode(Self.entry(message: "pam_unix(sudo:session): session opened for user root", unit: "session-4121.scope", identifier: "sudo"))
        #expect(line.service == "sudo")
    }

    @Test func dockersJournaldDriverNamesTheContainer() {
        let kubernetes = decode(#"{"__REALTIME_TIMESTAMP":"1741744207430197","MESSAGE":"ready","CONTAINER_NAME":"k8s_auth_auth-7d9f8c6b5-x2k4p_prod_0a1b2c3d_0","SYSLOG_IDENTIFIER":"dockerd","_SYSTEMD_UNIT":"docker.service"}"#)
        #expect(kubernetes.service == "auth")
        let compose = decode(#"{"__REALTIME_TIMESTAMP":"1741744207430197","MESSAGE":"ready","CONTAINER_NAME":"shop-web-1","_SYSTEMD_UNIT":"docker.service"}"#)
        #expect(compose.service == "shop-web")
    }

    @Test func aBinaryMessageIsItsBytes() {
        // journalctl writes a message with colour codes as an array of byte values.
        let bytes = Array("\u{1B}[31mERROR\u{1B}[0m token cache full".utf8).map(String.init).joined(separator: ",")
        let line = decode(#"{"__REALTIME_TIMESTAMP":"1741744207430197","_SYSTEMD_UNIT":"auth-service.service","MESSAGE":[\#(bytes)]}"#)
        #expect(message(line) == "ERROR token cache full")
        #expect(line.severity == .error)
    }

    @Test func aRealtimeThatIsNoNumberIsNoTime() {
        for realtime in ["", "-1", "17417442074301970000000", "1.7e15", "abc"] {
            #expect(decode(Self.entry(message: "started", realtime: realtime)).time == nil, "\(realtime)")
        }
    }

    @Test func journalJSONIsDetectedPerFile() {
        #expect(detect([Self.entry(message: "a"), Self.entry(message: "b")]) == .journalJSON)
    }

    @Test func kernelOOMInAHostsJournalIsTheVictimsNotTheFiles() throws {
        let log = Self.entry(message: "Out of memory: Killed process 40213 (auth-service) total-vm:4712844kB, anon-rss:2048885kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:4628kB oom_score_adj:0",
                             unit: "init.scope", identifier: "kernel") + "\n"
        let events = try extractWithBuiltInPatterns(log, name: "journal/auth-01.json")
        #expect(events.map(\.kind) == [.oom])
        #expect(events.first?.service == "auth-service")
        #expect(events.first?.excerpt.hasPrefix("Out of memory: Killed process 40213") == true)
    }

    @Test func stackTraceAcrossStdoutEntriesIsOneRecord() throws {
        let lines = [
            "2025-03-12 03:08:11.118 ERROR 28814 --- [exec-3] c.e.auth.web.TokenController : token validation failed",
            "java.util.concurrent.TimeoutException: null",
            "\\tat com.example.auth.session.SessionStore.lookup(SessionStore.java:88)",
            "\\tat com.example.auth.web.TokenController.introspect(TokenController.java:112)",
            "2025-03-12 03:08:12.399  INFO 28814 --- [exec-4] c.e.auth.web.TokenController : Issued access token",
        ]
        let log = lines.enumerated().map { Self.entry(message: $1, realtime: String(1_741_745_291_120_000 + $0)) }.joined(separator: "\n") + "\n"
        let events = try extract(log, name: "auth-01.json").events
        #expect(events.map(\.kind) == [.error])
        #expect(events.first?.ref.line == 1)
        #expect(events.first?.service == "auth-service")
    }
}
