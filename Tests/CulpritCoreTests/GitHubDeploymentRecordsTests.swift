import Testing

@Suite struct GitHubDeploymentRecordsTests {
    static func deployment(_ id: Int, sha: String, ref: String, environment: String, at time: String, task: String = "deploy", production: Bool? = nil) -> String {
        let productionField = production.map { #","production_environment":\#($0)"# } ?? ""
        return #"{"url":"https://api.github.com/repos/acme/auth-service/deployments/\#(id)","id":\#(id),"node_id":"DE_kwDOabc\#(id)","task":"\#(task)","original_environment":"\#(environment)","environment":"\#(environment)","description":null,"created_at":"\#(time)","updated_at":"\#(time)","statuses_url":"https://api.github.com/repos/acme/auth-service/deployments/\#(id)/statuses","repository_url":"https://api.github.com/repos/acme/auth-service","creator":{"login":"ci-bot","id":1,"type":"Bot"},"sha":"\#(sha)","ref":"\#(ref)","payload":{},"transient_environment":false\#(productionField)}"#
    }

    static let sha230 = "51d0a3b8e2f14c6a9b7d3e5f1a2c4b6d8e0f1a2b"
    static let sha231 = "9f2c7e1d4b6a8c0e2f4a6b8d0c2e4f6a8b0d2c4e"

    /// `gh api repos/acme/auth-service/deployments` (newest first), production and staging.
    static let list = "[" + [
        deployment(903, sha: sha230, ref: "v2.3.0", environment: "production", at: "2025-03-12T04:00:00Z", production: true),
        deployment(902, sha: sha231, ref: "v2.3.1", environment: "production", at: "2025-03-12T00:50:00Z", production: true),
        deployment(901, sha: sha231, ref: "main", environment: "staging", at: "2025-03-11T22:00:00Z", production: false),
        deployment(900, sha: sha230, ref: "v2.3.0", environment: "production", at: "2025-03-10T12:00:00Z", production: true),
    ].joined(separator: ",") + "]"

    @Test func productionDeploymentsOfTheRepositoryAreItsChanges() throws {
        let file = try readChangeRecords(Self.list, fileName: "deployments.json")
        #expect(file.format == .gitHubDeployments)
        #expect(file.markers.map(\.service) == ["auth-service", "auth-service", "auth-service"])
        #expect(file.markers.map(\.version) == ["2.3.0", "2.3.1", "2.3.0"])
        #expect(file.markers.map(\.sha) == [Self.sha230, Self.sha231, Self.sha230])
        #expect(file.markers[1].time == utc(2025, 3, 12, 0, 50))
        #expect(file.markers[1].actor == "ci-bot")
        #expect(file.notes == ["\(file.source.path): 1 deployment to staging left out; only production ones are changes of the service in production"])
    }

    @Test func deployingAnEarlierCommitAgainIsARollback() throws {
        let markers = try readChangeRecords(Self.list, fileName: "deployments.json").markers
        #expect(markers.map(\.kind) == [.deploy, .deploy, .rollback])
    }

    @Test func branchRefIsNoVersionSoTheCommitIs() throws {
        let text = "[" + Self.deployment(1, sha: Self.sha231, ref: "main", environment: "production", at: "2025-03-12T00:50:00Z") + "]"
        let markers = try readChangeRecords(text, fileName: "deployments.json", name: "auth").markers
        #expect(markers.map(\.version) == ["9f2c7e1"])
        #expect(markers.map(\.service) == ["auth"])
    }
}
