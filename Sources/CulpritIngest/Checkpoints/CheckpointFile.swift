import Foundation

/// The checkpoints file of `report --state DIR`: a small versioned text format
/// of its own, one file per line, so it is read without the analysis model and
/// can be inspected with `cat`:
///
/// ```
/// culprit-checkpoints 1 generation=9f86d081884c7d65 started=1741741200000000000
/// 2049 1234567 cbf29ce484222325 1024 52341 plain 52341 812 1741741200000000 /var/log/app/app.log
/// ```
///
/// Fields: device, inode, fingerprint (hex FNV-1a 64), bytes it covers, size,
/// `plain` or `gzip`, resume offset, lines before it, last event time in µs
/// (`-` when none), and the path to the end of the line (`\\` and `\n` escaped).
/// `generation` matches the aggregates saved with it, so a state half-written
/// by a run that died is not taken for a whole one; `started` is when that run
/// began (ns since the epoch).
package enum CheckpointFile {
    package static let fileName = "checkpoints"
    package static let formatName = "culprit-checkpoints"
    package static let formatVersion = 1

    /// The text of `checkpoints` under `generation`, for a run that began at `runStarted`.
    package static func encode(_ checkpoints: [FileCheckpoint], generation: String, runStarted: Int64) -> String {
        var text = "\(formatName) \(formatVersion) generation=\(generation) started=\(runStarted)\n"
        for checkpoint in checkpoints {
            let identity = checkpoint.identity
            let fields: [String] = [
                String(identity.inode.device), String(identity.inode.number), String(identity.fingerprint, radix: 16),
                String(identity.fingerprintLength), String(checkpoint.size), checkpoint.isGzip ? "gzip" : "plain",
                String(checkpoint.resume.offset), String(checkpoint.resume.lines), checkpoint.resume.lastTime.map { String($0) } ?? "-",
                escape(checkpoint.path),
            ]
            text += fields.joined(separator: " ") + "\n"
        }
        return text
    }

    /// Why a checkpoints file could not be read: `line` is 1-based.
    package struct FormatError: Error, Sendable {
        package var line: Int
        package var reason: String
    }

    /// The checkpoints in `text`, the generation they belong to and when their run began.
    package static func decode(_ text: String) throws(FormatError) -> (checkpoints: [FileCheckpoint], generation: String, runStarted: Int64) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.first else { throw FormatError(line: 1, reason: "empty") }
        let parts = header.split(separator: " ")
        guard parts.count == 4, parts[0] == formatName else { throw FormatError(line: 1, reason: "not a culprit checkpoints file") }
        guard parts[1] == String(formatVersion) else { throw FormatError(line: 1, reason: "format version \(parts[1]), not \(formatVersion)") }
        guard parts[2].hasPrefix("generation="), parts[2].count > "generation=".count else { throw FormatError(line: 1, reason: "no generation") }
        guard parts[3].hasPrefix("started="), let started = Int64(parts[3].dropFirst("started=".count)) else {
            throw FormatError(line: 1, reason: "no start time")
        }
        var checkpoints = [FileCheckpoint]()
        for (index, line) in lines.enumerated().dropFirst() {
            guard let checkpoint = parse(line) else { throw FormatError(line: index + 1, reason: "not a checkpoint line") }
            checkpoints.append(checkpoint)
        }
        return (checkpoints, String(parts[2].dropFirst("generation=".count)), started)
    }

    /// One checkpoint line, nil unless every field is present and in range.
    private static func parse(_ line: Substring) -> FileCheckpoint? {
        let fields = line.split(separator: " ", maxSplits: 9, omittingEmptySubsequences: false)
        guard fields.count == 10,
              let device = UInt64(fields[0]), let inode = UInt64(fields[1]), let fingerprint = UInt64(fields[2], radix: 16),
              let length = Int(fields[3]), (0...FileIdentity.fingerprintBytes).contains(length),
              let size = Int64(fields[4]), size >= 0, fields[5] == "plain" || fields[5] == "gzip",
              let offset = Int64(fields[6]), offset >= 0, let lines = Int(fields[7]), lines >= 0,
              let path = unescape(fields[9]), !path.isEmpty else { return nil }
        let lastTime: Int64?
        if fields[8] == "-" {
            lastTime = nil
        } else if let time = Int64(fields[8]) {
            lastTime = time
        } else {
            return nil
        }
        let identity = FileIdentity(inode: FileIdentity.Inode(device: device, number: inode), fingerprint: fingerprint, fingerprintLength: length)
        return FileCheckpoint(path: path, identity: identity, size: size, isGzip: fields[5] == "gzip",
                              resume: ResumePoint(offset: offset, lines: lines, lastTime: lastTime))
    }

    private static func escape(_ path: String) -> String {
        path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func unescape(_ text: Substring) -> String? {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "\\": result.append("\\")
                case "n": result.append("\n")
                default: return nil
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return escaped ? nil : result
    }
}
