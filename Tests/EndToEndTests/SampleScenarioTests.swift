import Foundation
import Testing

/// One folder of `samples/`: logs, an optional deploys file and what culprit must conclude.
struct SampleScenario: CustomTestStringConvertible, Sendable {
    var name: String
    var folder: URL

    var testDescription: String { name }

    static var all: [SampleScenario] {
        let samples = CulpritBinary.packageRoot.appendingPathComponent("samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
        return names.sorted().compactMap { name in
            let folder = samples.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected.json").path) else { return nil }
            return SampleScenario(name: name, folder: folder)
        }
    }

    var expected: [String: Any] {
        get throws {
            let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
            return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        }
    }

    var relativeLogs: String { "samples/\(name)/logs" }

    /// The scenario's inputs: its logs folder and any `*.log` beside it (CI deploy output).
    var inputs: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return [relativeLogs] + files.filter { $0.hasSuffix(".log") }.sorted().map { "samples/\(name)/\($0)" }
    }

    var deployArguments: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasPrefix("deploys.") }.sorted().flatMap { ["--deploys", "samples/\(name)/\($0)"] }
    }

    var zoneArguments: [String] {
        get throws { (try expected["tz"] as? String).map { ["--tz", $0] } ?? [] }
    }
}

@Suite struct SampleScenarioTests {
    @Test func thereAreAtLeastFiveScenarios() {
        #expect(SampleScenario.all.count >= 5)
    }

    @Test(arguments: SampleScenario.all)
    func analyzeNamesTheExpectedCulpritWithRealEvidence(_ scenario: SampleScenario) throws {
        let result = try CulpritBinary.run(["analyze", "--format", "json"] + scenario.inputs + scenario.deployArguments + scenario.zoneArguments)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let suspects = document["suspects"] as? [[String: Any]] ?? []
        let expected = try scenario.expected
        if let culprit = expected["top_suspect"] as? [String: Any] {
            let top = try #require(suspects.first, "no suspects")
            #expect(top["service"] as? String == culprit["service"] as? String)
            #expect(top["version"] as? String == culprit["version"] as? String)
            #expect(top["change"] as? String == culprit["change"] as? String)
            #expect(top["verdict"] as? String == (culprit["verdict"] as? String ?? "likely"))
            let evidence = top["evidence"] as? [[String: Any]] ?? []
            let refs = evidence.flatMap { $0["refs"] as? [String] ?? [] }
            #expect(refs.count >= 2)
            for ref in refs { try expectRealLine(ref) }
        } else {
            #expect(suspects.allSatisfy { $0["verdict"] as? String != "likely" }, "a suspect is likely: \(suspects.first ?? [:])")
        }
        for innocent in expected["not_suspects"] as? [String] ?? [] {
            let verdicts = suspects.filter { $0["service"] as? String == innocent }.map { $0["verdict"] as? String }
            #expect(verdicts.allSatisfy { $0 == "unlikely" }, "\(innocent) must not be suspected")
        }
    }

    @Test(arguments: SampleScenario.all)
    func extractFindsTheEventsTheScenarioWrote(_ scenario: SampleScenario) throws {
        let result = try CulpritBinary.run(["extract", "--format", "ndjson"] + scenario.inputs + scenario.zoneArguments)
        #expect(result.status == 0, "\(result.stderr)")
        var counts = [String: [String: Int]]()
        for line in result.stdout.split(separator: "\n") {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let service = event["service"] as? String ?? "?"
            counts[service, default: [:]][event["kind"] as? String ?? "?", default: 0] += 1
            #expect(event["ts"] is String, "event without time: \(line)")
        }
        let expected = try scenario.expected["events"] as? [String: [String: Int]] ?? [:]
        for (service, kinds) in expected {
            for (kind, count) in kinds {
                #expect(counts[service]?[kind] ?? 0 == count, "\(scenario.name): \(service) \(kind)")
            }
        }
    }

    /// A ref `PATH:LINE` names an existing, non-empty line.
    func expectRealLine(_ ref: String) throws {
        let colon = try #require(ref.lastIndex(of: ":"))
        let path = String(ref[..<colon])
        let line = try #require(Int(ref[ref.index(after: colon)...]))
        let url = CulpritBinary.packageRoot.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(line >= 1 && line <= lines.count, "\(ref) is past the end of \(path)")
        if line >= 1, line <= lines.count { #expect(!lines[line - 1].trimmingCharacters(in: .whitespaces).isEmpty, "\(ref) is blank") }
    }
}
