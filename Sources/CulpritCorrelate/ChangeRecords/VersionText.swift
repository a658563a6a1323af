/// How culprit tells a version from a branch or a commit in the free-form
/// revision fields of Argo CD and GitHub.
enum VersionText {
    /// `2.3.1`, `v2.3.1`, `1.4.2-rc.1`: starts with a digit, or `v` and a digit.
    private static func looksLikeVersion(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(2))
        guard let first = bytes.first else { return false }
        if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") { return true }
        return (first == UInt8(ascii: "v") || first == UInt8(ascii: "V")) && bytes.count == 2 && bytes[1] >= UInt8(ascii: "0") && bytes[1] <= UInt8(ascii: "9")
    }

    /// The version a tag-like ref names, as an app reports it: `refs/tags/v2.3.1`
    /// and `v2.3.1` are 2.3.1; nil for a ref that is no version (`main`).
    static func version(ofRef ref: String) -> String? {
        let name = ref.hasPrefix("refs/tags/") ? String(ref.dropFirst("refs/tags/".count)) : ref
        guard looksLikeVersion(name) else { return nil }
        return name.first == "v" || name.first == "V" ? String(name.dropFirst()) : name
    }

    /// A full git commit: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits.
    static func isCommit(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64) && text.utf8.allSatisfy { $0.isHexDigit }
    }

    /// The first 7 digits of a commit, the way git abbreviates it; other text unchanged.
    static func short(_ revision: String) -> String {
        isCommit(revision) ? String(revision.prefix(7)) : revision
    }

    /// A Helm chart's version from `chart` (`auth-1.4.2` → `1.4.2`): the text
    /// after the first `-` that is followed by digits and a dot, so a chart
    /// named `auth-2fa` still splits right (`auth-2fa-1.0.0` → `1.0.0`).
    static func chartVersion(_ chart: String) -> String? {
        let bytes = Array(chart.utf8)
        for index in bytes.indices where bytes[index] == UInt8(ascii: "-") {
            var probe = index + 1
            while probe < bytes.count, bytes[probe].isDecimalDigit { probe += 1 }
            if probe > index + 1, probe < bytes.count, bytes[probe] == UInt8(ascii: ".") {
                return String(decoding: bytes[(index + 1)...], as: UTF8.self)
            }
        }
        return nil
    }
}

extension UInt8 {
    fileprivate var isDecimalDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    fileprivate var isHexDigit: Bool {
        isDecimalDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}
