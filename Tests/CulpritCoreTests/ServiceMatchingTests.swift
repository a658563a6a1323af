import Testing
@testable import CulpritModel
@testable import CulpritCorrelate

@Suite struct ServiceMatchingTests {
    static let logs: Set<String> = ["auth-service", "checkout-api", "api-gateway", "postgres", "payments-gateway"]

    func record(_ service: String, alsoKnownAs: [String] = []) -> ChangeMarker {
        var marker = ChangeMarker(service: service, version: "1", kind: .deploy, time: utc(2025, 3, 12, 0, 50),
                                  evidence: [EvidenceLine(ref: SourceRef(path: "deploys.csv", line: 2), time: nil, text: "")])
        marker.alsoKnownAs = alsoKnownAs
        return marker
    }

    func matched(_ service: String, alsoKnownAs: [String] = [], logs: Set<String> = logs, aliases: [String: String] = [:]) -> (String, [ServiceMatch]) {
        let (records, matches) = ServiceMatching(aliases: aliases).match([record(service, alsoKnownAs: alsoKnownAs)], logServices: logs)
        return (records[0].service, matches)
    }

    @Test func nameWithoutItsAffixMatchesTheLogsName() {
        #expect(matched("auth").0 == "auth-service")
        #expect(matched("checkout").0 == "checkout-api")
        #expect(matched("auth-service-prod").0 == "auth-service")
        #expect(matched("prod/auth-service").0 == "auth-service")
        #expect(matched("payments").0 == "payments-gateway")
    }

    @Test func aMatchIsSaidInOneNote() {
        let (_, matches) = matched("auth")
        #expect(matches.count == 1)
        #expect(matches.first?.isProblem == false)
        #expect(matches.first?.description == "deploys.csv: auth is taken for auth-service of the logs (the names match once affixes are dropped); --service-alias auth=SERVICE says otherwise")
    }

    @Test func exactNamesNeedNoWord() {
        let (service, matches) = matched("postgres")
        #expect(service == "postgres")
        #expect(matches.isEmpty)
    }

    @Test func aDeploymentMatchesByItsContainer() {
        let (service, matches) = matched("auth", alsoKnownAs: ["auth-service", "envoy"], logs: ["auth-service", "auth-db"])
        #expect(service == "auth-service")
        #expect(matches.first?.description.contains("its container auth-service is named so") == true)
    }

    @Test func wordsMatchWholeNeverInsideAWord() {
        let (service, matches) = matched("oauth")
        #expect(service == "oauth")
        #expect(matches.first?.outcome == ServiceMatch.Outcome.none)
        #expect(matches.first?.isProblem == true)
        #expect(matches.first?.description == "deploys.csv: no service of the logs is named like oauth; its changes stay suspects with no logs of their own (--service-alias oauth=SERVICE ties them to one)")
    }

    @Test func severalCandidatesAreAWarningAndNoGuess() {
        let (service, matches) = matched("orders", logs: ["orders-db", "orders-worker", "postgres"])
        #expect(service == "orders")
        #expect(matches.first?.outcome == .ambiguous(["orders-db", "orders-worker"]))
        #expect(matches.first?.description == "deploys.csv: orders could be orders-db or orders-worker of the logs; its changes stay suspects with no logs of their own (--service-alias orders=SERVICE picks one)")
    }

    @Test func equalNamesWinOverContainingOnes() {
        #expect(matched("auth", logs: ["auth-service", "auth-db"]).0 == "auth-service")
    }

    @Test func anAliasSettlesItByHand() {
        let (service, matches) = matched("orders", logs: ["orders-db", "orders-worker"], aliases: ["orders": "orders-worker"])
        #expect(service == "orders-worker")
        #expect(matches.isEmpty)
    }

    @Test func everyRecordOfANameIsRenamedAndSaidOnce() {
        let (records, matches) = ServiceMatching().match([record("auth"), record("auth"), record("postgres")], logServices: Self.logs)
        #expect(records.map(\.service) == ["auth-service", "auth-service", "postgres"])
        #expect(matches.count == 1)
    }

    @Test func withoutLogServicesNothingIsMatched() {
        let (service, matches) = matched("auth", logs: [])
        #expect(service == "auth")
        #expect(matches.isEmpty)
    }
}
