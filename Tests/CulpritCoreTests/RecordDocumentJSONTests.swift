import Testing
@testable import CulpritCorrelate

@Suite struct RecordDocumentJSONTests {
    func parse(_ text: String) throws -> RecordDocument {
        var copy = text
        return try copy.withUTF8 { buffer throws(RecordDocumentJSON.Failure) in try RecordDocumentJSON.parse(buffer) }
    }

    @Test func numbersKeepTheirText() throws {
        let document = try parse(#"{"app_version": 1.10, "revision": 12, "big": 12345678901234567890}"#)
        #expect(document["app_version"]?.string == "1.10")
        #expect(document["revision"]?.string == "12")
        #expect(document["big"]?.string == "12345678901234567890")
    }

    @Test func eachValueKnowsTheLineItStartsOn() throws {
        let document = try parse("[\n  {\"a\": 1},\n\n  {\"a\": 2}\n]")
        #expect(document.items.map(\.line) == [2, 4])
    }

    @Test func escapesAreDecoded() throws {
        let document = try parse(#"{"m": "Pulling image \"auth:2.3.1\" \u00e9 \ud83d\ude80 \ud800"}"#)
        #expect(document["m"]?.string == "Pulling image \"auth:2.3.1\" é 🚀 \u{FFFD}")
    }

    @Test func hostileNestingIsAnErrorNotACrash() {
        #expect(throws: RecordDocumentJSON.Failure.self) { try parse(String(repeating: "[", count: 100_000)) }
    }

    @Test func truncatedDocumentsAreErrors() {
        for text in ["{\"a\": ", "[1, 2", "{\"a\" 1}", "\"open", "tru", "{\"a\": 1} x"] {
            #expect(throws: RecordDocumentJSON.Failure.self, "\(text)") { try parse(text) }
        }
    }
}
