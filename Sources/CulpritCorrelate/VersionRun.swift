import CulpritModel

/// A stretch of one instance's lines that carry the same version: when the
/// version on an instance's lines changes, a new run starts. Runs are how
/// deploys and rollbacks are inferred from the logs alone.
package struct VersionRun: Sendable, Codable {
    package var instance: String
    package var version: String
    package var first: EvidenceLine
    package var firstTime: Int64
    package var lastTime: Int64
    /// The version of the same instance's run before this one, if any.
    package var previousVersion: String?
}
