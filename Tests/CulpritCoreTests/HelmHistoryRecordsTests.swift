import Testing

@Suite struct HelmHistoryRecordsTests {
    /// `helm history auth -o json` prints one line.
    static let json = #"[{"revision":1,"updated":"2025-03-10T09:12:44.51882+00:00","status":"superseded","chart":"auth-1.4.0","app_version":"2.3.0","description":"Install complete"},{"revision":2,"updated":"2025-03-12T00:50:00.218341122Z","status":"superseded","chart":"auth-1.4.1","app_version":"2.3.1","description":"Upgrade complete"},{"revision":3,"updated":"2025-03-12T05:00:00.90211+01:00","status":"deployed","chart":"auth-1.4.0","app_version":"2.3.0","description":"Rollback to 1"}]"#

    static let yaml = """
    - app_version: 2.3.0
      chart: auth-1.4.0
      description: Install complete
      revision: 1
      status: superseded
      updated: "2025-03-10T09:12:44.51882+00:00"
    - app_version: "1.10"
      chart: auth-1.4.1
      description: Upgrade complete
      revision: 2
      status: deployed
      updated: "2025-03-12T00:50:00.218341122Z"

    """

    @Test func releaseComesFromTheFileNameUpToItsFirstDot() throws {
        let file = try readChangeRecords(Self.json, fileName: "auth.helm.json")
        #expect(file.format == .helmHistory)
        #expect(file.markers.map(\.service) == ["auth", "auth", "auth"])
        #expect(file.markers.map(\.version) == ["2.3.0", "2.3.1", "2.3.0"])
        #expect(file.markers.map(\.time) == [utc(2025, 3, 10, 9, 12, 44) + 518_820, utc(2025, 3, 12, 0, 50) + 218_341, utc(2025, 3, 12, 4, 0) + 902_110])
    }

    @Test func rollbackToDescriptionMakesARollback() throws {
        let markers = try readChangeRecords(Self.json, fileName: "auth.helm.json").markers
        #expect(markers.map(\.kind) == [.deploy, .deploy, .rollback])
        #expect(markers[1].previousVersion == "2.3.0")
        #expect(markers[2].previousVersion == "2.3.1")
        #expect(markers[2].evidence.first?.text == "helm auth revision 3, auth-1.4.0, app 2.3.0, deployed, Rollback to 1")
    }

    @Test func nameOfDeploysArgumentNamesTheRelease() throws {
        let markers = try readChangeRecords(Self.json, fileName: "history.json", name: "auth-service").markers
        #expect(Set(markers.map(\.service)) == ["auth-service"])
    }

    @Test func yamlOutputReadsTheSameAndKeepsVersionText() throws {
        let file = try readChangeRecords(Self.yaml, fileName: "auth.yaml")
        #expect(file.format == .helmHistory)
        #expect(file.markers.map(\.version) == ["2.3.0", "1.10"])
        #expect(file.markers.map { $0.evidence.first?.ref.line } == [1, 7])
        #expect(file.markers[1].time == utc(2025, 3, 12, 0, 50) + 218_341)
    }

    @Test func withoutAppVersionTheChartVersionIsTheVersion() throws {
        let markers = try readChangeRecords(#"[{"revision":4,"updated":"2025-03-12T00:50:00Z","status":"deployed","chart":"auth-2fa-1.4.2-rc.1","app_version":"","description":"Upgrade complete"}]"#, fileName: "auth.json").markers
        #expect(markers.first?.version == "1.4.2-rc.1")
    }

    @Test func uninstalledRevisionRunsNothing() throws {
        let markers = try readChangeRecords(#"[{"revision":1,"updated":"2025-03-12T00:50:00Z","status":"uninstalled","chart":"auth-1.0.0","app_version":"1","description":"Uninstallation complete"}]"#, fileName: "auth.json").markers
        #expect(markers.isEmpty)
    }

    @Test func unreadableTimeNamesTheRevisionAndLine() throws {
        do {
            _ = try readChangeRecords("[\n" + #"{"revision":7,"updated":"last tuesday","status":"deployed","chart":"auth-1.0.0","app_version":"1"}"# + "\n]", fileName: "auth.json")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasSuffix("auth.json:2: revision 7: cannot read updated 'last tuesday' (expected RFC 3339, e.g. 2025-03-12T01:50:00Z)"), "\(error)")
        }
    }
}
