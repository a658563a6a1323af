import CulpritModel

/// A stretch of one instance's lines that carry the same version: when the
/// version on an instance's lines changes, a new run starts. Runs are how
/// deploys and rollbacks are inferred from the logs alone.
public struct VersionRun: Sendable, Codable {
    public var instance: String
    public var version: String
    public var first: EvidenceLine
    public var firstTime: Int64
    public var lastTime: Int64
    /// The version of the same instance's run before this one, if any.
    public var previousVersion: String?
}
