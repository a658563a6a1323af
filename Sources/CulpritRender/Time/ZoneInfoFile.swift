import Foundation

/// A zone's names for its local times, read from its compiled tz database file
/// (TZif, RFC 8536: `/usr/share/zoneinfo/Africa/Lagos`).
///
/// Foundation on Linux names every zone by its offset (`GMT+1` for
/// Africa/Lagos), so the abbreviations people know (`WAT`, `CET`, `EDT`) come
/// from the file the C library reads too. Only the names are taken from it:
/// offsets and daylight saving come from `TimeZone`.
struct ZoneInfoFile: Sendable {
    /// One local time type: its offset from UTC and its designation (`WAT`, `+04`).
    struct LocalTimeType: Sendable, Equatable {
        var offsetSeconds: Int
        var isDaylightSaving: Bool
        var designation: String
    }

    /// Transition times, seconds since the epoch, ascending.
    var transitions: [Int64]
    /// The local time type in force from each transition.
    var typeIndices: [Int]
    var types: [LocalTimeType]
    /// The footer's names for times after the last transition: standard, and daylight when the zone has one.
    var footerNames: (standard: String, daylight: String?)?

    /// Folders searched for zone files: `TZDIR` first, as the C library does.
    static func folders(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var folders = ["/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo"]
        if let tzdir = environment["TZDIR"], !tzdir.isEmpty { folders.insert(tzdir, at: 0) }
        return folders
    }

    /// The file of the zone named `identifier`, nil when no folder has a readable, valid one.
    static func load(identifier: String) -> ZoneInfoFile? {
        // An identifier is a relative path of tz names; never follow one out of the folder.
        guard !identifier.isEmpty, !identifier.hasPrefix("/"), !identifier.split(separator: "/").contains("..") else { return nil }
        for folder in folders() {
            guard let data = FileManager.default.contents(atPath: folder + "/" + identifier), data.count <= 1 << 20 else { continue }
            if let file = ZoneInfoFile(bytes: Array(data)) { return file }
        }
        return nil
    }

    /// Parses TZif bytes (version 1, or the 64-bit block and footer of versions 2 and later); nil when they are not valid.
    init?(bytes: [UInt8]) {
        var reader = Reader(bytes: bytes)
        guard let first = reader.header() else { return nil }
        if first.version >= 2 {
            guard reader.skip(first.dataLength(timeSize: 4)), let second = reader.header(),
                  let parsed = Self.block(&reader, header: second, timeSize: 8) else { return nil }
            (transitions, typeIndices, types) = parsed
            footerNames = reader.footer().flatMap(Self.footerNames)
        } else {
            guard let parsed = Self.block(&reader, header: first, timeSize: 4) else { return nil }
            (transitions, typeIndices, types) = parsed
            footerNames = nil
        }
    }

    /// The designation of the local time at `seconds` since the epoch, with the
    /// offset the file gives it (nil when it comes from the footer's rule), given
    /// whether that time is daylight saving (from `TimeZone`, which applies the
    /// footer's rules); nil when the file does not say.
    func designation(atSeconds seconds: Int64, daylightSaving: Bool) -> (name: String, offsetSeconds: Int?)? {
        if let last = transitions.last, seconds >= last, let footerNames {
            return (daylightSaving ? footerNames.daylight ?? footerNames.standard : footerNames.standard, nil)
        }
        // RFC 8536 §3.2: before the first transition, the first local time type applies.
        guard let firstTransition = transitions.first, seconds >= firstTransition else {
            return types.first.map { ($0.designation, $0.offsetSeconds) }
        }
        var low = 0, high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= seconds { low = middle } else { high = middle - 1 }
        }
        let type = types[typeIndices[low]]
        return (type.designation, type.offsetSeconds)
    }

    // MARK: Parsing

    struct Header {
        var version: Int
        var isUTCCount, isStandardCount, leapCount, timeCount, typeCount, charCount: Int

        func dataLength(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + charCount + leapCount * (timeSize + 4) + isStandardCount + isUTCCount
        }
    }

    private static func block(_ reader: inout Reader, header: Header, timeSize: Int)
        -> (transitions: [Int64], typeIndices: [Int], types: [LocalTimeType])? {
        guard header.typeCount > 0, header.charCount > 0 else { return nil }
        var transitions = [Int64]()
        transitions.reserveCapacity(header.timeCount)
        for _ in 0..<header.timeCount {
            guard let time = timeSize == 8 ? reader.int64() : reader.int32().map(Int64.init) else { return nil }
            transitions.append(time)
        }
        var indices = [Int]()
        indices.reserveCapacity(header.timeCount)
        for _ in 0..<header.timeCount {
            guard let index = reader.byte(), Int(index) < header.typeCount else { return nil }
            indices.append(Int(index))
        }
        var raw = [(offset: Int, dst: Bool, nameIndex: Int)]()
        for _ in 0..<header.typeCount {
            guard let offset = reader.int32(), let dst = reader.byte(), let nameIndex = reader.byte(),
                  Int(nameIndex) < header.charCount else { return nil }
            raw.append((Int(offset), dst != 0, Int(nameIndex)))
        }
        guard let names = reader.bytes(header.charCount),
              reader.skip(header.leapCount * (timeSize + 4) + header.isStandardCount + header.isUTCCount) else { return nil }
        let types = raw.map { type in
            let tail = names[type.nameIndex...]
            let name = tail.prefix { $0 != 0 }
            return LocalTimeType(offsetSeconds: type.offset, isDaylightSaving: type.dst, designation: String(decoding: name, as: UTF8.self))
        }
        return (transitions, indices, types)
    }

    /// The names in a POSIX TZ string (`EST5EDT,M3.2.0,M11.1.0`, `<+04>-4`, `WAT-1`).
    static func footerNames(_ text: String) -> (standard: String, daylight: String?)? {
        var rest = Substring(text)
        func name() -> String? {
            if rest.first == "<" {
                guard let close = rest.firstIndex(of: ">") else { return nil }
                let quoted = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                return String(quoted)
            }
            let letters = rest.prefix { $0.isASCII && $0.isLetter }
            guard letters.count >= 3 else { return nil }
            rest = rest.dropFirst(letters.count)
            return String(letters)
        }
        guard let standard = name() else { return nil }
        rest = rest.drop { "+-0123456789:".contains($0) }
        guard !rest.isEmpty, rest.first != "," else { return (standard, nil) }
        return (standard, name())
    }

    /// Big-endian reads over the file's bytes, nil past the end.
    struct Reader {
        var bytes: [UInt8]
        var offset = 0

        mutating func header() -> Header? {
            guard let magic = self.bytes(4), magic == Array("TZif".utf8), let version = byte(), skip(15) else { return nil }
            var counts = [Int]()
            for _ in 0..<6 {
                guard let count = int32(), count >= 0, count < 1 << 20 else { return nil }
                counts.append(Int(count))
            }
            let number = version == 0 ? 1 : Int(version) - Int(UInt8(ascii: "0"))
            return Header(version: number, isUTCCount: counts[0], isStandardCount: counts[1], leapCount: counts[2],
                          timeCount: counts[3], typeCount: counts[4], charCount: counts[5])
        }

        mutating func skip(_ count: Int) -> Bool {
            guard count >= 0, count <= bytes.count - offset else { return false }
            offset += count
            return true
        }

        mutating func bytes(_ count: Int) -> [UInt8]? {
            guard count >= 0, count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        mutating func byte() -> UInt8? { bytes(1)?.first }

        mutating func int32() -> Int32? {
            bytes(4).map { Int32(bitPattern: $0.reduce(0) { $0 << 8 | UInt32($1) }) }
        }

        mutating func int64() -> Int64? {
            bytes(8).map { Int64(bitPattern: $0.reduce(0) { $0 << 8 | UInt64($1) }) }
        }

        /// The footer after the 64-bit block: `\nTZ string\n`.
        mutating func footer() -> String? {
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\n") else { return nil }
            let body = bytes[(offset + 1)...].prefix { $0 != UInt8(ascii: "\n") }
            return body.isEmpty ? nil : String(decoding: body, as: UTF8.self)
        }
    }
}
