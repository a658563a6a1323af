/// What `helm upgrade --install --wait` prints when a release is upgraded:
///
///     Release "payments" has been upgraded. Happy Helming!
///     NAME: payments
///     LAST DEPLOYED: Tue Jun  3 14:02:11 2025
///     NAMESPACE: prod
///     STATUS: deployed
///     REVISION: 42
///     TEST SUITE: None
///
/// The first line is the block's one `deploy` event; it names the release, which
/// is the service deployed. The rest describe it and are no events of their own.
struct HelmUpgradeOutput {
    var release: String
    var namespace: String
    var revision: Int
    /// When the upgrade finished; `LAST DEPLOYED` prints it in the runner's zone.
    var deployedAt: LogInstant
    var runnerOffset: UTCOffset = .utc

    /// The block's lines, first line first.
    var lines: [String] {
        var lastDeployed = LineBuffer()
        lastDeployed.appendAsctime(deployedAt, offset: runnerOffset)
        return [
            "Release \"\(release)\" has been upgraded. Happy Helming!",
            "NAME: \(release)",
            "LAST DEPLOYED: \(String(decoding: lastDeployed.bytes, as: UTF8.self))",
            "NAMESPACE: \(namespace)",
            "STATUS: deployed",
            "REVISION: \(revision)",
            "TEST SUITE: None",
        ]
    }
}
