import Testing
@testable import CulpritIngest

/// Inflating a gzip body held in memory (ClickHouse's compressed answers).
struct GunzipTests {
    /// `hello\n` and `world\n` as two gzip members, one after the other.
    static let twoMembers: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 203, 72, 205, 201, 201, 231, 2, 0, 32, 48, 58, 54, 6, 0, 0, 0,
                                      31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 43, 207, 47, 202, 73, 225, 2, 0, 168, 97, 56, 221, 6, 0, 0, 0]

    @Test func inflatesEveryMember() throws {
        #expect(try Gunzip.inflate(Self.twoMembers) == Array("hello\nworld\n".utf8))
    }

    @Test func aCutOrCorruptBodyIsRefused() {
        #expect(throws: Gunzip.Failure.corrupt) { try Gunzip.inflate(Array(Self.twoMembers.prefix(20))) }
        #expect(throws: Gunzip.Failure.corrupt) { try Gunzip.inflate(Array("not gzip at all".utf8)) }
    }

    @Test func aBodyPastTheLimitIsRefused() {
        #expect(throws: Gunzip.Failure.tooLarge(limit: 8)) { try Gunzip.inflate(Self.twoMembers, limit: 8) }
    }
}
