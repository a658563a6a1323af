import Testing
@testable import CulpritExtract

@Suite struct ServiceNamingTests {
    let naming = ServiceNaming()

    @Test func meaningfulParentFolderNamesTheService() {
        #expect(naming.serviceFromPath("logs/auth-service/auth.log") == "auth-service")
        #expect(naming.serviceFromPath("samples/x/logs/api-gateway.log") == "api-gateway")
    }

    @Test func rotationAndDateSuffixesAreDropped() {
        #expect(naming.serviceFromPath("/var/log/archive/api-gateway.log.2.gz") == "api-gateway")
        #expect(naming.serviceFromPath("logs/web-2025-03-12.log") == "web")
        #expect(naming.serviceFromPath("logs/web.log-20250312") == "web")
    }

    @Test func kubernetesPathsNameTheContainer() {
        #expect(naming.serviceFromPath("/var/log/pods/prod_auth-7d9f_0a1b/auth/0.log") == "auth")
        #expect(naming.serviceFromPath("/var/log/containers/auth-7d9f_prod_auth-0123456789abcdef0123.log") == "auth")
    }

    @Test func serviceRulesOverrideByGlob() {
        let rules = ServiceNaming(rules: [ServiceNaming.Rule(argument: "edge=*/nginx/*")!])
        #expect(rules.override(for: "logs/nginx/access.log") == "edge")
        #expect(rules.override(for: "logs/app/app.log") == nil)
        #expect(ServiceNaming.Rule(argument: "=x") == nil)
    }

    @Test func aPodsGeneratedSuffixesAreNoPartOfItsWorkload() {
        #expect(ServiceNaming.workload(ofPod: "auth-7d9f8c6b5-x2k4p") == "auth")
        #expect(ServiceNaming.workload(ofPod: "payments-api-5b7c9d8f4-djj64") == "payments-api")
        #expect(ServiceNaming.workload(ofPod: "node-exporter-x2k4p") == "node-exporter")
        #expect(ServiceNaming.workload(ofPod: "postgres-0") == "postgres")
        // Words are not generated: a vowel or a 0, 1 or 3 rules a part out.
        #expect(ServiceNaming.workload(ofPod: "api-proxy") == "api-proxy")
        #expect(ServiceNaming.workload(ofPod: "web-frontend") == "web-frontend")
        #expect(ServiceNaming.workload(ofPod: "auth") == "auth")
    }

    @Test func standardInputIsStdin() {
        #expect(naming.serviceFromPath("-") == "stdin")
    }
}
