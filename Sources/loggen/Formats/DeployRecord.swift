/// One line of a deploys file, as `culprit analyze --deploys` reads it: CSV with
/// the header `time,service,version,kind,sha,actor`, or JSON Lines with the keys
/// `time`, `service`, `version`, `kind`. Times are RFC 3339 in the record's offset.
///
/// Records in a deploys file are not log lines and are not counted as events.
struct DeployRecord {
    var time: LogInstant
    var offset: UTCOffset
    var service: String
    var version: String
    /// `deploy`, `rollback`, `restart` or `config`.
    var kind: String
    var sha: String
    var actor: String

    static let csvHeader = "time,service,version,kind,sha,actor"

    func writeCSV(to buffer: inout LineBuffer) {
        buffer.appendISO8601(time, offset: offset, fractionDigits: 0,
                             offsetStyle: offset.seconds == 0 ? .zulu : .colon)
        for field in [service, version, kind, sha, actor] {
            buffer.append(byte: UInt8(ascii: ","))
            buffer.append(field)
        }
    }

    func writeJSONLine(to buffer: inout LineBuffer) {
        buffer.append("{\"time\":\"")
        buffer.appendISO8601(time, offset: offset, fractionDigits: 0,
                             offsetStyle: offset.seconds == 0 ? .zulu : .colon)
        buffer.append(byte: UInt8(ascii: "\""))
        buffer.appendJSONField("service", service)
        buffer.appendJSONField("version", version)
        buffer.appendJSONField("kind", kind)
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
