/// `truth.json`: what happened in a randomized scenario and the right answer.
///
///     {"fault": "deploy-leak", "guilty": {"service", "version", "kind", "time"} | null,
///      "innocent": [{…}], "args": ["--deploys", "deploys.csv", "--tz", "Asia/Tokyo"], …}
///
/// `args` are relative to the scenario folder; `services` says how each service
/// was drawn, so a failure can be traced to a format or transport.
struct TruthFile {
    var seed: UInt64
    var index: Int
    var incident: IncidentPlan
    var form: ChangeRecordForm
    var args: [String]

    private func quoted(_ text: String) -> String {
        var buffer = LineBuffer()
        buffer.appendJSONString(text)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    private func time(_ instant: LogInstant) -> String {
        var buffer = LineBuffer()
        buffer.appendISO8601(instant, offset: .utc, fractionDigits: 0, offsetStyle: .zulu)
        return quoted(String(decoding: buffer.bytes, as: UTF8.self))
    }

    private func change(_ change: ChangeEvent) -> String {
        "{\"service\": \(quoted(change.service)), \"version\": \(quoted(change.version)), "
            + "\"kind\": \(quoted(change.kind.rawValue)), \"time\": \(time(change.time))}"
    }

    func json() -> String {
        var lines = ["{"]
        lines.append("  \"seed\": \(seed),")
        lines.append("  \"index\": \(index),")
        lines.append("  \"fault\": \(quoted(incident.fault.rawValue)),")
        lines.append("  \"story\": \(quoted(incident.story)),")
        lines.append("  \"guilty\": \(incident.guilty.map(change) ?? "null"),")
        let innocent = incident.changes.filter { !$0.guilty }.map(change)
        lines.append("  \"innocent\": [\(innocent.joined(separator: ", "))],")
        lines.append("  \"args\": [\(args.map(quoted).joined(separator: ", "))],")
        lines.append("  \"window\": {\"start\": \(time(incident.start)), \"end\": \(time(incident.end)), "
            + "\"trouble\": \(time(incident.troubleStart))},")
        lines.append("  \"zone\": \(quoted(incident.zone.name)),")
        lines.append("  \"platform\": \(quoted(incident.platform.rawValue)),")
        lines.append("  \"change_records\": \(quoted(form.rawValue)),")
        lines.append("  \"services\": [")
        for (number, plan) in incident.services.enumerated() {
            let restarts = max(0, plan.lifetimes.filter { $0.start >= incident.start }.count)
            let comma = number + 1 < incident.services.count ? "," : ""
            lines.append("    {\"name\": \(quoted(plan.name)), \"role\": \(quoted(plan.role.rawValue)), "
                + "\"runtime\": \(quoted(plan.runtime.rawValue)), \"transport\": \(quoted(plan.transport.rawValue)), "
                + "\"memory\": \(quoted(plan.memoryStyle.rawValue)), \"utc_offset_seconds\": \(plan.offset.seconds), "
                + "\"process_starts\": \(restarts)}\(comma)")
        }
        lines.append("  ]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    func readme(folder: String) -> String {
        var text = "# \(folder)\n\nWritten by `loggen scenarios` (seed \(seed)); do not edit by hand.\n\n"
        text += "\(incident.story)\n\n"
        if let guilty = incident.guilty {
            text += "Right answer: \(guilty.service) \(guilty.version) (\(guilty.kind.rawValue)) ranked first.\n\n"
        } else {
            text += "Right answer: no change is likely.\n\n"
        }
        text += "```\nculprit analyze logs \(args.joined(separator: " "))\n```\n"
        return text
    }
}
