import ArgumentParser

/// The eleven kinds of incident `loggen scenarios` draws, each with the answer a
/// forensics tool should give: which change (if any) is guilty.
enum FaultType: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// A dependency (Redis, PostgreSQL) fails by itself minutes after an innocent
    /// client deploy: no change is guilty.
    case dependencyFailure = "dependency-failure"
    /// A rollout whose new version exhausts its memory limit at once: OOM kills
    /// and a crash loop. The rollout is guilty; the crash restarts are not.
    case oomCrashLoop = "oom-crashloop"
    /// A configuration change makes a service slow: the config change is guilty.
    case configLatency = "config-latency"
    /// A deploy whose service stays quiet in its own logs while its memory grows;
    /// the only failures are the gateway's 5xx for it. The deploy is guilty.
    case gatewayOnly = "gateway-only"
    /// A deploy introduces a memory leak.
    case deployLeak = "deploy-leak"
    /// Two services deployed minutes apart; one of them is guilty.
    case twoDeploys = "two-deploys"
    /// The guilty deploy, then an innocent one after the trouble began.
    case culpritThenInnocent = "culprit-then-innocent"
    /// A deploy raises the error rate; memory stays flat.
    case errorRegression = "error-regression"
    /// A deploy whose only symptom is a new failure message at WARN level (a
    /// fallback path taken): requests still succeed, errors and memory stay flat.
    case warningRegression = "warning-regression"
    /// A leak under way from the first line, with an innocent deploy: none guilty.
    case preexistingLeak = "preexisting-leak"
    /// A traffic surge with no change behind it: none guilty.
    case loadNoDeploy = "load-no-deploy"

    /// Whether the right answer names a guilty change.
    var hasGuiltyChange: Bool {
        switch self {
        case .dependencyFailure, .preexistingLeak, .loadNoDeploy: return false
        default: return true
        }
    }
}
