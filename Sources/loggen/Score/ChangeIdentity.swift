import Foundation

/// A change as truth.json names it, and whether a culprit suspect is it.
struct ChangeIdentity {
    var service: String
    var version: String?
    var kind: String
    var time: Date

    init?(_ object: Any?) {
        guard let object = object as? [String: Any], let service = object["service"] as? String,
              let timeText = object["time"] as? String, let time = ChangeIdentity.date(timeText) else { return nil }
        self.service = service
        version = object["version"] as? String
        kind = object["kind"] as? String ?? object["change"] as? String ?? "deploy"
        self.time = time
    }

    init(service: String, version: String?, kind: String, time: Date) {
        self.service = service
        self.version = version
        self.kind = kind
        self.time = time
    }

    /// RFC 3339 with or without fractional seconds.
    static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// The name without case, a `.service` unit suffix or a namespace prefix.
    static func normalized(_ name: String) -> String {
        var text = name.lowercased()
        if let slash = text.lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
        if text.hasSuffix(".service") { text.removeLast(".service".count) }
        return text
    }

    private static func normalizedVersion(_ version: String?) -> String? {
        guard var text = version?.lowercased() else { return nil }
        if text.hasPrefix("v") { text.removeFirst() }
        return text
    }

    /// Whether a suspect names this change: the same service (one name the other's
    /// prefix or equal once normalised) and a time within 3 minutes, or the same
    /// version within 30 minutes.
    func matches(_ suspect: ChangeIdentity) -> Bool {
        let mine = Self.normalized(service), theirs = Self.normalized(suspect.service)
        guard mine == theirs || mine.hasPrefix(theirs + "-") || theirs.hasPrefix(mine + "-") else { return false }
        let apart = abs(suspect.time.timeIntervalSince(time))
        if apart <= 180 { return true }
        if let a = Self.normalizedVersion(version), let b = Self.normalizedVersion(suspect.version), a == b,
           kind == "deploy", apart <= 1_800 {
            return true
        }
        return false
    }
}
