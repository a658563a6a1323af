/// A pod of a Deployment as the samples need it: its name, the version it runs
/// and when its container ran. A rolling update is an old pod stopping and a new
/// one starting with the new version.
struct KubernetesPod: Sendable {
    var name: String
    var version: String
    /// When the container started; nil when it was already running as the logs begin.
    var started: LogInstant?
    /// When it received SIGTERM; nil when it is still running as the logs end.
    var terminated: LogInstant?

    /// The pod name for `deployment`: `<deployment>-<replica set hash>-<suffix>`.
    static func name(_ deployment: String, using random: inout SplitMix64) -> String {
        "\(deployment)-\(random.token(random.int(in: 9...10)))-\(random.token(5))"
    }
}
