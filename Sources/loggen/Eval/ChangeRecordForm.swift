/// The form a team keeps its change records in, as `--deploys` would be given
/// them, or none: the changes are then only in the logs (a CI job's Helm
/// output, the services' versions).
enum ChangeRecordForm: String, CaseIterable, Sendable {
    case csv
    case jsonLines = "json-lines"
    /// `helm history RELEASE -o json`, one file per release.
    case helmHistory = "helm-history"
    /// `argocd app get APP -o json`, one file per application.
    case argoCD = "argocd-app"
    /// `kubectl get events -o json` for the namespace.
    case kubernetesEvents = "kubernetes-events"
    /// `gh api repos/ORG/REPO/deployments`, one file per repository.
    case githubDeployments = "github-deployments"
    /// No change file: a CI job's log with `helm upgrade` output among the logs.
    case ciLog = "ci-log"

    /// A form for `incident`, among those that can record each of its changes.
    static func draw(for incident: IncidentPlan, using random: inout SplitMix64) -> ChangeRecordForm {
        var candidates: [ChangeRecordForm] = [.csv, .csv, .csv, .jsonLines, .jsonLines, .githubDeployments]
        if incident.platform == .kubernetes {
            candidates += [.helmHistory, .helmHistory, .argoCD, .argoCD, .kubernetesEvents, .kubernetesEvents, .ciLog]
        }
        let usable = candidates.filter { $0.canRecord(incident.changes) }
        return usable.isEmpty ? .csv : random.pick(usable)
    }

    /// Whether every change can be written in this form.
    func canRecord(_ changes: [ChangeEvent]) -> Bool {
        changes.allSatisfy { change in
            switch self {
            case .csv, .jsonLines: return true
            case .helmHistory, .ciLog: return change.kind == .deploy || change.kind == .config
            case .argoCD: return change.kind == .deploy || change.kind == .config
            case .kubernetesEvents: return change.restartsProcess
            case .githubDeployments: return change.kind == .deploy
            }
        }
    }
}
