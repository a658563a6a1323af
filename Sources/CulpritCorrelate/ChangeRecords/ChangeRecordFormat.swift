/// The kinds of change record file `--deploys` reads, told apart by their
/// content, never by their name.
package enum ChangeRecordFormat: String, Sendable, CaseIterable {
    /// A header naming at least `time` and `service` (`version`, `kind`, `sha`, `actor` optional).
    case csv
    /// One JSON object per line with the CSV's keys.
    case jsonLines = "json-lines"
    /// `helm history RELEASE -o json` or `-o yaml`.
    case helmHistory = "helm-history"
    /// `argocd app get APP -o json` (or `-o yaml`): an Application and its sync history.
    case argoCDApp = "argocd-app"
    /// `kubectl get replicasets -o json` or `kubectl get deployments -o json`.
    case kubernetesWorkloads = "kubernetes-list"
    /// `kubectl get events -o json`.
    case kubernetesEvents = "kubernetes-events"
    /// GitHub's `GET /repos/OWNER/REPO/deployments`.
    case gitHubDeployments = "github-deployments"

    /// The one line said about a file that is none of these.
    package static let unknownMessage =
        "not a change record culprit reads (CSV, JSON Lines, helm history, argocd app, Kubernetes list or events, GitHub deployments)"
}
