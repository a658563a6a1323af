/// `samples/preexisting-leak/`: report-worker's heap is already growing when the
/// logs begin (08:00Z, 2025-05-20) and keeps growing at the same rate to the end;
/// billing-api is deployed at 09:30Z and stays healthy. No change explains the
/// leak, so no suspect may be likely.
///
/// report-worker is Go with go-kit logfmt (`heap_bytes=…`); billing-api runs under
/// systemd and is read with `journalctl -o short-iso` (`memory usage: 212.4 MiB`);
/// scheduler is a Kubernetes controller logging klog.
struct PreexistingLeakScenario: SampleScenario {
    let folder = "preexisting-leak"

    private let logStart = LogInstant.utc(2025, 5, 20, 8, 0)
    private let logEnd = LogInstant.utc(2025, 5, 20, 11, 0)
    private let billingDeploy = LogInstant.utc(2025, 5, 20, 9, 30)

    /// A report job: dispatched by scheduler, claimed and rendered by report-worker.
    private struct ReportJob {
        var id: String
        var dispatched: LogInstant
        var claimed: LogInstant
        var finished: LogInstant
        var failed: Bool
    }

    func build(using random: inout SplitMix64) -> ScenarioFiles {
        let jobs = ArrivalClock.arrivals(from: logStart, to: logEnd, perMinute: .constant(2.2), using: &random)
            .enumerated().map { index, dispatched in
                let claimed = dispatched.adding(seconds: random.double(in: 0.04...1.5))
                return ReportJob(id: "rpt-20250520-\(1_185 + index)", dispatched: dispatched, claimed: claimed,
                                 finished: claimed.adding(seconds: random.double(in: 2...24)),
                                 failed: random.chance(0.015))
            }
        let deploys = DeploysFile(name: "deploys.csv", format: .csv, records: [
            DeployRecord(time: billingDeploy, offset: .utc, service: "billing-api", version: "2.14.0", kind: "deploy",
                         sha: "3e9a0c4", actor: "argocd"),
        ])
        return ScenarioFiles(
            logs: [
                workerLog(jobs, using: &random),
                billingJournal(using: &random),
                schedulerLog(jobs, using: &random),
            ],
            deploys: deploys,
            expected: ExpectedOutcome(tz: nil, topSuspect: nil, notSuspects: ["billing-api", "scheduler"]),
            readme: readme)
    }

    // MARK: report-worker (logfmt)

    private func workerLog(_ jobs: [ReportJob], using random: inout SplitMix64) -> LogFile {
        let file = LogFile(service: "report-worker", name: "worker.log")
        let memory = MemoryLeakProfile(phases: [.init(start: logStart, baseMB: 310, slopeMBPerMinute: 3.1)],
                                       noiseMB: 3, sawtoothMB: 14, sawtoothPeriod: 170)
        func add(_ time: LogInstant, kinds: [EventKind] = [], caller: String, level: String = "info",
                 _ message: String, pairs: (inout LineBuffer) -> Void = { _ in }) {
            file.add(at: time, kinds) { buffer in
                LogfmtLine(time: time, caller: caller, level: level, message: message).write(to: &buffer, pairs: pairs)
            }
        }
        for time in ArrivalClock.periodic(from: logStart.adding(seconds: 14), to: logEnd, every: 60, jitter: 0.003,
                                          using: &random) {
            let bytes = Int(memory.sampleMB(at: time, using: &random) * 1_048_576)
            let goroutines = random.int(in: 40...58)
            add(time, kinds: [.memory], caller: "stats.go:41", "runtime stats") { buffer in
                buffer.appendLogfmtPair("heap_bytes", bytes)
                buffer.appendLogfmtPair("goroutines", goroutines)
            }
        }
        let kinds = ["invoice-summary", "ledger-export", "tax-return", "merchant-statement"]
        for job in jobs {
            let time = job.claimed
            let report = job.id
            let kind = random.pick(kinds)
            let pages = random.int(in: 1...60)
            add(time, caller: "queue.go:77", "job claimed") { buffer in
                buffer.appendLogfmtPair("report_id", report)
                buffer.appendLogfmtPair("kind", kind)
            }
            let finished = job.finished
            if job.failed {
                add(finished, kinds: [.error], caller: "render.go:203", level: "error", "render failed") { buffer in
                    buffer.appendLogfmtPair("report_id", report)
                    buffer.appendLogfmtPair("err", "template: \(kind).tmpl:41:12: executing \"lines\" at <.Amount>: "
                        + "nil pointer evaluating *money.Amount.Amount")
                }
            } else {
                add(finished, caller: "render.go:142", "report rendered") { buffer in
                    buffer.appendLogfmtPair("report_id", report)
                    buffer.appendLogfmtPair("pages", pages)
                }
            }
        }
        return file
    }

    // MARK: billing-api (journald short-iso)

    private func billingJournal(using random: inout SplitMix64) -> LogFile {
        let file = LogFile(service: "billing-api", name: "journal.log")
        let host = "billing-01"
        let oldPID = 19_212
        let newPID = 24_817
        let started = billingDeploy.adding(seconds: 3.6)
        let memory = MemoryLeakProfile(
            phases: [.init(start: logStart, baseMB: 208, slopeMBPerMinute: 0),
                     .init(start: started, baseMB: 201, slopeMBPerMinute: 0)],
            noiseMB: 1.8, sawtoothMB: 7, sawtoothPeriod: 300)
        func add(_ time: LogInstant, kinds: [EventKind] = [], _ identifier: String, pid: Int?, _ message: String) {
            file.add(at: time, kinds) { buffer in
                JournaldShortISOLine(time: time, host: host, identifier: identifier, pid: pid, message: message)
                    .write(to: &buffer)
            }
        }
        func pid(at time: LogInstant) -> Int { time < billingDeploy ? oldPID : newPID }
        add(billingDeploy.adding(seconds: 0.4), "systemd", pid: 1, "Stopping billing-api.service - Billing API...")
        add(billingDeploy.adding(seconds: 0.5), "billing-api", pid: oldPID, "received SIGTERM, finishing in-flight requests")
        add(billingDeploy.adding(seconds: 2.1), "systemd", pid: 1, "billing-api.service: Deactivated successfully.")
        add(billingDeploy.adding(seconds: 2.1), "systemd", pid: 1, "Stopped billing-api.service - Billing API.")
        add(billingDeploy.adding(seconds: 2.1), "systemd", pid: 1, "billing-api.service: Consumed 2h 41min 7.214s CPU time.")
        add(started.adding(seconds: -1.4), "systemd", pid: 1, "Started billing-api.service - Billing API.")
        add(started, kinds: [.start], "billing-api", pid: newPID, "Starting billing-api v2.14.0")
        add(started.adding(seconds: 0.9), kinds: [.start], "billing-api", pid: newPID, "listening on 0.0.0.0:8443")

        let isDown: (LogInstant) -> Bool = { $0 >= billingDeploy && $0 < started.adding(seconds: 1) }
        for time in ArrivalClock.periodic(from: logStart.adding(seconds: 37), to: logEnd, every: 60, jitter: 0.9,
                                          using: &random) where !isDown(time) {
            var text = LineBuffer()
            text.append("memory usage: ")
            text.append(memory.sampleMB(at: time, using: &random), places: 1)
            text.append(" MiB")
            add(time, kinds: [.memory], "billing-api", pid: pid(at: time), String(decoding: text.bytes, as: UTF8.self))
        }
        let merchants = ["acme-foods", "lagos-lights", "kano-textiles", "ibadan-motors", "abuja-pharma", "delta-fresh"]
        for time in ArrivalClock.arrivals(from: logStart, to: logEnd, perMinute: .constant(1.6), using: &random)
        where !isDown(time) {
            let invoice = "inv_" + random.token(8, alphabet: "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
            let message = random.chance(0.6)
                ? "invoice \(invoice) finalized for \(random.pick(merchants)) (\(random.int(in: 1...14)) line items)"
                : "webhook for \(invoice) delivered to \(random.pick(merchants))"
            add(time, "billing-api", pid: pid(at: time), message)
        }
        return file
    }

    // MARK: scheduler (klog)

    private func schedulerLog(_ jobs: [ReportJob], using random: inout SplitMix64) -> LogFile {
        let file = LogFile(service: "scheduler", name: "scheduler.log")
        for job in jobs {
            file.add(at: job.dispatched) { buffer in
                KlogLine(severity: "I", time: job.dispatched, threadID: 1, source: "dispatcher.go:88",
                         message: "\"Dispatched report job\" job=\"\(job.id)\" worker=\"report-worker-0\"")
                    .write(to: &buffer)
            }
        }
        for time in ArrivalClock.periodic(from: logStart.adding(seconds: 290), to: logEnd, every: 900, jitter: 1,
                                          using: &random) {
            let depth = random.int(in: 0...9)
            file.add(at: time) { buffer in
                KlogLine(severity: "I", time: time, threadID: 1, source: "queue.go:212",
                         message: "\"Queue depth\" queue=\"reports\" pending=\(depth)").write(to: &buffer)
            }
        }
        for job in jobs where job.failed {
            let time = job.finished.adding(seconds: 0.312)
            file.add(at: time, [.error]) { buffer in
                KlogLine(severity: "E", time: time, threadID: 1, source: "dispatcher.go:141",
                         message: "\"Report job failed\" err=\"worker reported render failure\" job=\"\(job.id)\"")
                    .write(to: &buffer)
            }
        }
        return file
    }

    private var readme: String {
        """
        # A leak that was there before any change

        Written by `loggen samples`; do not edit by hand. All times are UTC (2025-05-20).

        ## What happened
        | UTC | event | where it shows |
        |---|---|---|
        | 08:00 → 11:00 | report-worker's heap grows ~3.1 MB/min from the first line (~320 MB) to the last (~880 MB), at one steady rate | `heap_bytes=…` in `logs/report-worker/worker.log` |
        | 09:30:00 | billing-api 2.14.0 deployed (systemd stop/start, `Starting billing-api v2.14.0`) | `deploys.csv`, `logs/billing-api/journal.log` |
        | 08:00 → 11:00 | billing-api's memory flat (~210 MiB) before and after its deploy | `memory usage: … MiB` lines |
        | all along | scheduler dispatches report jobs to report-worker; a few fail to render, at the same low rate throughout | `logs/scheduler/scheduler.log` (klog) |

        ## Files
        - `logs/report-worker/worker.log`: go-kit logfmt (`ts=… caller=… level=… msg=…`).
        - `logs/billing-api/journal.log`: `journalctl -o short-iso` (`2025-05-20T09:30:03+0000 billing-01 billing-api[24817]: …`).
        - `logs/scheduler/scheduler.log`: klog (`I0520 08:00:12.345678       1 dispatcher.go:88] …`), no year.
        - `deploys.csv`: `time,service,version,kind,sha,actor`.

        ```
        culprit analyze samples/preexisting-leak/logs --deploys samples/preexisting-leak/deploys.csv
        ```

        ## What culprit should conclude
        report-worker's memory growth is an anomaly, but it began before the logs did and
        its rate does not change at billing-api's deploy, which touched another service.
        No change explains it: no suspect is likely (an empty list is fine), and
        billing-api's deploy must not be blamed. `expected.json` holds the answer and the
        number of events of each kind per service.

        """
    }
}
