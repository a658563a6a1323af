/// A container image reference, `[registry[:port]/]path/name[:tag][@digest]`,
/// read for the version it runs: its tag (`…/auth-service:2.3.1` runs 2.3.1).
struct ContainerImage: Equatable {
    /// The last path component: `auth-service`.
    var name: String
    var tag: String?
    var digest: String?

    init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        // A colon after the last slash starts the tag; one before it is a registry's port.
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        name = String(lastSlash.map { rest[rest.index(after: $0)...] } ?? rest)
    }

    /// The version the image stands for: its tag, else the start of its digest
    /// (`sha256:3f2a9c1d4e5b`), else `latest` (what a registry serves for no tag).
    var version: String {
        if let tag, !tag.isEmpty { return tag }
        if let digest, !digest.isEmpty { return String(digest.prefix(19)) }
        return "latest"
    }
}
