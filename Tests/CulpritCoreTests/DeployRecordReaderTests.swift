import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritCorrelate

@Suite struct DeployRecordReaderTests {
    func read(_ text: String, zone: String = "UTC") throws -> [ChangeMarker] {
        try readChangeRecords(text, zone: zone).markers
    }

    @Test func csvWithOptionalColumnsAndQuotes() throws {
        let markers = try read("time,service,version,kind,sha,actor\n2025-03-12T01:50:00+01:00,auth-service,2.3.1,deploy,abc123,\"ci, bot\"\n2025-03-12T05:00:00+01:00,auth-service,2.3.0,rollback,,\n")
        #expect(markers.count == 2)
        #expect(markers[0].time == utc(2025, 3, 12, 0, 50))
        #expect(markers[0].actor == "ci, bot")
        #expect(markers[1].kind == .rollback)
        #expect(markers[1].evidence.first?.ref.line == 3)
    }

    @Test func jsonLinesWithTheSameKeys() throws {
        let markers = try read(#"{"time":"2025-06-03T10:02:00Z","service":"checkout","version":"4.1.0"}"# + "\n")
        #expect(markers.first?.service == "checkout")
        #expect(markers.first?.kind == .deploy)
    }

    @Test func badRowsNameFileAndLine() throws {
        #expect(throws: ChangeRecordError.self) { try read("time,service,version\nyesterday,auth,1\n") }
        do {
            _ = try read("time,service,version,kind\n2025-03-12T01:50:00Z,auth,1,upgrade\n")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasSuffix(":2: unknown kind 'upgrade' (deploy, rollback, restart or config)"))
        }
    }

    @Test func crlfCSVReadsEveryRowLikeLF() throws {
        let lf = "time,service,version\n2025-03-12T00:50:00Z,auth-service,2.3.1\n2025-03-12T04:00:00Z,auth-service,2.3.0\n"
        let crlf = try read(lf.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(crlf.map(\.version) == ["2.3.1", "2.3.0"])
        #expect(crlf.map(\.time) == (try read(lf)).map(\.time))
        #expect(crlf[1].evidence.first?.ref.line == 3)
        #expect(crlf[1].evidence.first?.text == "2025-03-12T04:00:00Z,auth-service,2.3.0")
    }

    @Test func crlfJSONLinesReadsEveryRecord() throws {
        let markers = try read(#"{"time":"2025-03-12T00:50:00Z","service":"auth-service","version":"2.3.1"}"# + "\r\n"
                               + #"{"time":"2025-03-12T04:00:00Z","service":"auth-service","version":"2.3.0","kind":"rollback"}"# + "\r\n")
        #expect(markers.map(\.version) == ["2.3.1", "2.3.0"])
        #expect(markers[1].kind == .rollback)
        #expect(markers[1].evidence.first?.ref.line == 2)
    }

    @Test func byteOrderMarkIsNotPartOfTheHeader() throws {
        let file = try readChangeRecords(bytes: [0xEF, 0xBB, 0xBF] + Array("time,service,version\r\n2025-03-12T00:50:00Z,auth-service,2.3.1\r\n".utf8))
        #expect(file.format == .csv)
        #expect(file.markers.map(\.service) == ["auth-service"])
    }

    @Test func utf16FromPowerShellReadsLikeUTF8() throws {
        let text = "time,service,version\r\n2025-03-12T00:50:00Z,auth-service,2.3.1\r\n"
        let little = try readChangeRecords(bytes: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let big = try readChangeRecords(bytes: [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(little.markers.map(\.version) == ["2.3.1"])
        #expect(big.markers.map(\.version) == ["2.3.1"])
    }

    @Test func unterminatedQuoteIsAnErrorOnTheLineItOpens() throws {
        do {
            _ = try read("time,service,version,actor\n2025-03-12T00:50:00Z,auth-service,2.3.1,\"ci bot\n2025-03-12T04:00:00Z,auth-service,2.3.0,tunde\n")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasSuffix("deploys.csv:2: a quoted field opened here never closes: close it, or double a quote inside it (\"\")"), "\(error)")
        }
    }

    @Test func quotedLineBreakStaysInItsFieldAndLinesStillCount() throws {
        let markers = try read("time,service,version,actor\n2025-03-12T00:50:00Z,auth-service,2.3.1,\"ci\nbot \"\"blue\"\"\"\n2025-03-12T04:00:00Z,auth-service,2.3.0,tunde\n")
        #expect(markers.map(\.actor) == ["ci\nbot \"blue\"", "tunde"])
        #expect(markers.map { $0.evidence.first?.ref.line } == [2, 4])
    }

    @Test func emptyFileIsAWarningNotSilence() throws {
        for text in ["", "\n\n", " \r\n"] {
            let file = try readChangeRecords(text)
            #expect(file.markers.isEmpty)
            #expect(file.warnings.count == 1)
            #expect(file.warnings.first?.contains("deploys.csv: empty, no change records read from it") == true, "\(file.warnings)")
        }
    }

    @Test func headerWithoutRowsWarnsThatItHoldsNoRecords() throws {
        let file = try readChangeRecords("time,service,version\n")
        #expect(file.markers.isEmpty)
        #expect(file.warnings.first?.hasSuffix("deploys.csv: no change records in it; the analysis goes on without them") == true, "\(file.warnings)")
    }

    @Test func unknownContentIsOneLineThatQuotesNothingOfIt() throws {
        for text in ["Mar 12 01:50:00 host kernel: secret-token-123\n", "REVISION  UPDATED  STATUS\n1  Mon Oct 3  deployed\n", #"{"kind":"Secret","data":{"password":"hunter2"}}"#] {
            do {
                _ = try readChangeRecords(text, fileName: "mystery.txt")
                Issue.record("expected an error for \(text)")
            } catch {
                let message = "\(error)"
                #expect(message.hasSuffix("mystery.txt: not a change record culprit reads (CSV, JSON Lines, helm history, argocd app, Kubernetes list or events, GitHub deployments)"), "\(message)")
                #expect(!message.contains("secret") && !message.contains("hunter2") && !message.contains("REVISION"))
            }
        }
    }

    @Test func brokenJSONNamesTheLine() throws {
        do {
            _ = try readChangeRecords("[\n  {\"revision\": 1,\n  \"updated\" \"x\"}\n]\n", fileName: "auth.json")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasSuffix("auth.json:3: not valid JSON: expected ':' after a key"), "\(error)")
        }
    }

    @Test func nameGivesTheServiceOfRowsWithoutOne() throws {
        let file = try readChangeRecords("time,version\n2025-03-12T00:50:00Z,2.3.1\n", name: "auth-service")
        #expect(file.markers.map(\.service) == ["auth-service"])
        #expect(throws: ChangeRecordError.self) { try readChangeRecords("time,version\n2025-03-12T00:50:00Z,2.3.1\n") }
    }

    @Test func nameOnAFileAboutSeveralServicesIsAnError() throws {
        do {
            _ = try readChangeRecords("time,service,version\n2025-03-12T00:50:00Z,auth,1\n2025-03-12T00:51:00Z,billing,2\n", name: "auth")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasSuffix("deploys.csv: auth= names one service, but the records name 2 (auth, billing): drop auth= and use --service-alias to rename"), "\(error)")
        }
    }

    @Test func sourceArgumentSplitsNameFromFile() {
        #expect(ChangeRecordSource(argument: "auth=history.json") == ChangeRecordSource(path: "history.json", name: "auth"))
        #expect(ChangeRecordSource(argument: "deploys/a=b.csv") == ChangeRecordSource(path: "deploys/a=b.csv"))
        #expect(ChangeRecordSource(argument: "=x.csv") == ChangeRecordSource(path: "=x.csv"))
        #expect(ChangeRecordSource(path: "records/auth.helm.json").fileStem == "auth")
    }
}
