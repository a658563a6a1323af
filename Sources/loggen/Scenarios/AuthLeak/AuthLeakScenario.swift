/// `samples/2025-03-12-auth-leak/`: the outage culprit was created from.
///
/// auth-service 2.3.1 (deployed 01:50 WAT) caches session tokens without expiry;
/// its memory grows until the kernel kills it at 04:22, a restart of the same
/// version brings it back only for a while, and the rollback to 2.3.0 at 05:00
/// ends it. The edge (api-gateway) and the database (postgres) only show
/// symptoms, later; web-frontend's deploy at 01:12 is unrelated.
struct AuthLeakScenario: SampleScenario {
    let folder = "2025-03-12-auth-leak"
    private let timeline = AuthLeakTimeline()

    func build(using random: inout SplitMix64) -> ScenarioFiles {
        let app = AuthServiceAppLog(timeline: timeline).write(using: &random)
        let syslog = AuthHostSyslog(timeline: timeline).write(using: &random)
        let gateway = GatewayLogs(timeline: timeline).write(using: &random)
        let postgres = PostgresLog(timeline: timeline).write(using: &random)
        let deploys = DeploysFile(name: "deploys.csv", format: .csv, records: [
            DeployRecord(time: timeline.frontendDeploy, offset: AuthLeakTimeline.zone, service: "web-frontend",
                         version: "1.14.2", kind: "deploy", sha: "4be1c07", actor: "ci-bot"),
            DeployRecord(time: timeline.deploy, offset: AuthLeakTimeline.zone, service: "auth-service",
                         version: "2.3.1", kind: "deploy", sha: "9f2c7e1", actor: "ci-bot"),
            DeployRecord(time: timeline.rollback, offset: AuthLeakTimeline.zone, service: "auth-service",
                         version: "2.3.0", kind: "rollback", sha: "51d0a3b", actor: "tunde.bakare"),
        ])
        return ScenarioFiles(
            logs: [app, syslog, gateway.access, gateway.errors, postgres],
            deploys: deploys,
            expected: ExpectedOutcome(
                tz: "Africa/Lagos",
                topSuspect: .init(service: "auth-service", version: "2.3.1", change: "deploy", verdict: "likely"),
                notSuspects: ["postgres", "api-gateway", "web-frontend"]),
            readme: readme)
    }

    private var readme: String {
        """
        # 2025-03-12: auth-service leaks memory after its 2.3.1 deploy

        The outage culprit was created from (see `shared/incident-2025-03-12.md`),
        rebuilt as logs. Written by `loggen samples`; do not edit by hand.

        ## What happened (WAT, UTC+1; UTC in brackets)
        | WAT | UTC | event | where it shows |
        |---|---|---|---|
        | 01:12:30 | 00:12:30 | web-frontend 1.14.2 deployed (unrelated) | `deploys.csv` |
        | 01:50:00 | 00:50:00 | **auth-service 2.3.1 deployed** (was 2.3.0) | `deploys.csv`; `Starting AuthApplication v2.3.1` at 01:50:07 in `logs/auth-service/app.log` |
        | 01:50 → | 00:50 → | auth-service memory grows ~10.6 MB/min from ~390 MB (flat ~400 MB before) | `rss=…MB` lines, `app.log` |
        | 03:05 → | 02:05 → | auth-service starts failing requests (`token validation failed`, first at ~03:08) | `app.log` ERROR lines |
        | 03:15 | 02:15 | edge returns 503 (a few 504) to ~80% of requests; the rest slow from ~0.2 s to over 10 s | `logs/api-gateway/access.log`, `error.log` |
        | 03:20 | 02:20 | slow queries (`duration: … ms`) and statement timeouts appear | `logs/postgres/` |
        | 03:40 to 03:44 | 02:40 to 02:44 | database "scaled up": restarted, PostgreSQL 15.6 again; no improvement | `logs/postgres/` |
        | 04:22:41 | 03:22:41 | kernel OOM-kills auth-service (~2 GB resident); systemd marks the unit failed | `logs/auth-service/syslog` |
        | 04:30:05 | 03:30:05 | auth-service started again, same version 2.3.1: a restart; memory regrows | `app.log`, `syslog` |
        | 05:00:00 | 04:00:00 | **rollback to 2.3.0**; memory flat again | `deploys.csv` (kind `rollback`); `Starting AuthApplication v2.3.0` |
        | 05:30 | 04:30 | edge back to normal | `access.log` |

        ## Files
        - `logs/auth-service/app.log`: Spring Boot (logback), local time without offset.
        - `logs/auth-service/syslog`: the VM's RFC 3164 syslog (local time, no year).
        - `logs/api-gateway/access.log`: nginx combined + `$request_time`, with `+0100` offsets.
        - `logs/api-gateway/error.log`: nginx error log, local time.
        - `logs/postgres/postgresql-2025-03-12_000000.log`: PostgreSQL, `%m [%p]` prefix, `WAT`.
        - `deploys.csv`: `time,service,version,kind,sha,actor`, RFC 3339 with `+01:00`.

        Most files carry local time without an offset, so pass the zone:

        ```
        culprit analyze samples/2025-03-12-auth-leak/logs --deploys samples/2025-03-12-auth-leak/deploys.csv --tz Africa/Lagos
        ```

        ## What culprit should conclude
        auth-service's deploy of 2.3.1 at 01:50 WAT (00:50Z) is the **likely** culprit:
        its memory was flat before the deploy and grew steadily after it, it began
        failing requests from 03:05 (first error ~03:08), minutes before the edge's 503s at 03:15, and the
        database's slow queries started at 03:20, after auth-service's memory pressure,
        so postgres is a symptom, not a cause. The 04:30 start of the same version is
        a restart, not a deploy; the 05:00 change is a rollback that ends the growth.
        postgres, api-gateway and web-frontend must not be ranked likely.
        `expected.json` holds the answer and the number of events of each kind that
        loggen wrote per service.

        """
    }
}
