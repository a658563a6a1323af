/// `samples/error-regression/`: payments 3.8.0, rolled out by a Helm upgrade at
/// 14:02Z (2025-06-03), fails the ~30% of charges not in NGN with HTTP 500 (a new fee
/// calculation that breaks on non-NGN currencies). Memory does not change.
///
/// The deploy is known only from the CI job log (`deploy.log`, outside `logs/`):
/// GitHub Actions lines around Helm's `Release "payments" has been upgraded`
/// block. payments logs structlog JSON, one file per pod; the edge is Envoy.
struct ErrorRegressionScenario: SampleScenario {
    let folder = "error-regression"

    private let logStart = LogInstant.utc(2025, 6, 3, 13, 0)
    private let logEnd = LogInstant.utc(2025, 6, 3, 15, 30)
    private let helmRun = LogInstant.utc(2025, 6, 3, 14, 1, 38.2043117)
    private let upgraded = LogInstant.utc(2025, 6, 3, 14, 2, 11.5012846)

    private struct PaymentsPod {
        var pod: KubernetesPod
        var address: String
        var file: LogFile
        var ready: LogInstant? { pod.started?.adding(seconds: 6.2) }
    }

    private struct Route {
        var method: String
        var path: String
        var share: Int
    }

    private static let routes = [
        Route(method: "POST", path: "/v1/charges", share: 45),
        Route(method: "GET", path: "/v1/charges/", share: 30),
        Route(method: "GET", path: "/v1/balance", share: 17),
        Route(method: "POST", path: "/v1/refunds", share: 8),
    ]

    func build(using random: inout SplitMix64) -> ScenarioFiles {
        let oldSet = "payments-6d9f8b7c5"
        let newSet = "payments-5b7c9d8f4"
        let specs: [(String, String, LogInstant?, LogInstant?, String)] = [
            (oldSet, "3.7.2", nil, LogInstant.utc(2025, 6, 3, 14, 1, 49.310544), "10.42.1.23"),
            (oldSet, "3.7.2", nil, LogInstant.utc(2025, 6, 3, 14, 2, 3.612087), "10.42.2.41"),
            (newSet, "3.8.0", LogInstant.utc(2025, 6, 3, 14, 1, 41.207318), nil, "10.42.3.17"),
            (newSet, "3.8.0", LogInstant.utc(2025, 6, 3, 14, 1, 55.420771), nil, "10.42.1.58"),
        ]
        let pods = specs.map { set, version, started, terminated, address in
            let name = set + "-" + random.token(5)
            return PaymentsPod(pod: KubernetesPod(name: name, version: version, started: started, terminated: terminated),
                               address: address, file: LogFile(service: "payments", name: name + ".log"))
        }
        let edge = LogFile(service: "edge", name: "access.log")
        for pod in pods { writeLifecycle(pod, using: &random) }
        writePaymentsTraffic(pods, edge: edge, using: &random)
        writeOtherEdgeTraffic(edge, using: &random)
        return ScenarioFiles(
            logs: pods.map(\.file) + [edge, deployLog()], deploys: nil,
            expected: ExpectedOutcome(
                tz: nil,
                topSuspect: .init(service: "payments", version: "3.8.0", change: "deploy", verdict: "likely"),
                notSuspects: ["notifications", "edge"]),
            readme: readme)
    }

    private func add(_ file: LogFile, _ time: LogInstant, _ kinds: [EventKind] = [], level: String = "info",
                     logger: String, _ event: String, fields: (inout LineBuffer) -> Void = { _ in }) {
        file.add(at: time, kinds) { buffer in
            StructlogLine(time: time, level: level, logger: logger, event: event).write(to: &buffer, fields: fields)
        }
    }

    private func writeLifecycle(_ payments: PaymentsPod, using random: inout SplitMix64) {
        let pod = payments.pod
        let file = payments.file
        if let started = pod.started {
            add(file, started, [.start], logger: "payments.app", "Starting payments v\(pod.version)")
            add(file, started.adding(seconds: 0.801244), [.start], logger: "uvicorn.error", "Started server process [1]")
            add(file, started.adding(seconds: 0.811873), logger: "uvicorn.error", "Waiting for application startup.")
            add(file, started.adding(seconds: 1.942105), logger: "uvicorn.error", "Application startup complete.")
        }
        if let terminated = pod.terminated {
            add(file, terminated, logger: "uvicorn.error", "Shutting down")
            add(file, terminated.adding(seconds: 0.520336), logger: "uvicorn.error", "Finished server process [1]")
        }
        let memory = MemoryLeakProfile(
            phases: [.init(start: logStart, baseMB: pod.started == nil ? 141 : 145, slopeMBPerMinute: 0)],
            noiseMB: 1.6, sawtoothMB: 5, sawtoothPeriod: 420)
        let from = (payments.ready ?? logStart).adding(seconds: 20)
        for time in ArrivalClock.periodic(from: from, to: pod.terminated ?? logEnd, every: 60, jitter: 0.002,
                                          using: &random) {
            let megabytes = memory.sampleMB(at: time, using: &random)
            let threads = random.int(in: 9...12)
            add(file, time, [.memory], logger: "payments.runtime", "worker stats") { buffer in
                buffer.appendJSONField("rss_mb", megabytes, places: 1, spaced: true)
                buffer.appendJSONField("threads", threads, spaced: true)
            }
        }
    }

    /// Requests to payments: each is one request line in the pod that served it
    /// and one line at the edge (two `http` events, one per service).
    private func writePaymentsTraffic(_ pods: [PaymentsPod], edge: LogFile, using random: inout SplitMix64) {
        let clients = TrafficCatalog.clientAddresses(30, using: &random)
        let currencies = ["NGN", "NGN", "NGN", "NGN", "NGN", "NGN", "NGN", "USD", "GHS", "KES"]
        for time in ArrivalClock.arrivals(from: logStart, to: logEnd, perMinute: .constant(9), using: &random) {
            let live = pods.filter { ($0.ready ?? logStart) <= time && time < ($0.pod.terminated ?? logEnd) }
            guard !live.isEmpty else { continue }
            let payments = random.pick(live)
            var roll = random.below(100)
            let route = Self.routes.first { roll -= $0.share; return roll < 0 } ?? Self.routes[0]
            var path = route.path
            if path.hasSuffix("/") { path += "ch_" + random.token(14, alphabet: "0123456789abcdefghijklmnopqrstuvwxyz") }
            let currency = random.pick(currencies)
            var status = route.method == "POST" ? 201 : 200
            let isCharge = route.method == "POST" && route.path == "/v1/charges"
            let chargeID = "ch_" + random.token(14, alphabet: "0123456789abcdefghijklmnopqrstuvwxyz")
            if isCharge, payments.pod.version == "3.8.0", currency != "NGN" {
                status = 500
                add(payments.file, time, [.error], level: "error", logger: "payments.charges", "charge failed") { buffer in
                    buffer.appendJSONField("charge_id", chargeID, spaced: true)
                    buffer.appendJSONField("currency", currency, spaced: true)
                    buffer.appendJSONField("exception", Self.feeTraceback, spaced: true)
                }
            } else if isCharge, random.chance(0.006) {
                status = 502
                add(payments.file, time, [.error], level: "error", logger: "payments.providers",
                    "provider request failed") { buffer in
                    buffer.appendJSONField("charge_id", chargeID, spaced: true)
                    buffer.appendJSONField("provider", "paystack", spaced: true)
                    buffer.appendJSONField("reason", "upstream connect error or disconnect/reset before headers",
                                           spaced: true)
                }
            } else if isCharge, random.chance(0.04) {
                status = 402
            } else if route.method == "GET", random.chance(0.01) {
                status = 404
            }
            let finished = time.adding(seconds: random.double(in: 0.02...0.3))
            add(payments.file, finished, [.http], logger: "payments.access", "request") { buffer in
                buffer.appendJSONField("method", route.method, spaced: true)
                buffer.appendJSONField("path", path, spaced: true)
                buffer.appendJSONField("status", status, spaced: true)
                buffer.appendJSONField("pod", payments.pod.name, spaced: true)
            }
            let client = random.pick(clients)
            let userAgent = random.pick(["okhttp/4.12.0", "Paystack-Node/2.1.0", "python-requests/2.32.3",
                                         "Go-http-client/2.0"])
            let requestID = TrafficCatalog.uuid(using: &random)
            let duration = Int(finished.seconds(since: time) * 1_000) + random.int(in: 1...4)
            let received = route.method == "POST" ? random.int(in: 180...420) : 0
            let sent = status >= 500 ? random.int(in: 60...90) : random.int(in: 240...1_400)
            edge.add(at: finished.adding(seconds: 0.002), [.http]) { buffer in
                EnvoyAccessLine(time: time, method: route.method, path: path, status: status, bytesReceived: received,
                                bytesSent: sent, durationMilliseconds: duration, forwardedFor: client,
                                userAgent: userAgent, requestID: requestID, authority: "api.example.com",
                                upstreamHost: payments.address + ":8000").write(to: &buffer)
            }
        }
    }

    private func writeOtherEdgeTraffic(_ edge: LogFile, using random: inout SplitMix64) {
        let clients = TrafficCatalog.clientAddresses(40, using: &random)
        let routes = [("GET", "/v1/accounts/me", "10.42.2.19:8080"), ("GET", "/v1/merchants/", "10.42.1.77:8080"),
                      ("GET", "/v1/settlements?limit=20", "10.42.3.9:8080")]
        for time in ArrivalClock.arrivals(from: logStart, to: logEnd, perMinute: .constant(5), using: &random) {
            let (method, base, upstream) = random.pick(routes)
            let path = base.hasSuffix("/") ? base + "m_" + random.token(8) : base
            let status = random.chance(0.012) ? 404 : 200
            let client = random.pick(clients)
            let userAgent = random.pick(TrafficCatalog.userAgents)
            let requestID = TrafficCatalog.uuid(using: &random)
            let duration = random.int(in: 4...140)
            let sent = random.int(in: 300...4_800)
            edge.add(at: time.adding(seconds: Double(duration) / 1_000), [.http]) { buffer in
                EnvoyAccessLine(time: time, method: method, path: path, status: status, bytesReceived: 0, bytesSent: sent,
                                durationMilliseconds: duration, forwardedFor: client, userAgent: userAgent,
                                requestID: requestID, authority: "api.example.com", upstreamHost: upstream)
                    .write(to: &buffer)
            }
        }
    }

    /// The CI job log: two Helm upgrades, each one `deploy` event for the release
    /// it names (the `Release "…" has been upgraded` line).
    private func deployLog() -> LogFile {
        let file = LogFile(path: "deploy.log", service: "ci")
        let jobs: [(release: String, tag: String, revision: Int, run: LogInstant, done: LogInstant)] = [
            ("notifications", "1.9.4", 17, LogInstant.utc(2025, 6, 3, 13, 19, 58.1034521),
             LogInstant.utc(2025, 6, 3, 13, 20, 44.6120332)),
            ("payments", "3.8.0", 42, helmRun, upgraded),
        ]
        for job in jobs {
            let command = "helm upgrade --install \(job.release) ./charts/\(job.release) --namespace prod "
                + "--set image.tag=\(job.tag) --wait --timeout 5m"
            let preamble = ["##[group]Run " + command, command, "shell: /usr/bin/bash -e {0}", "##[endgroup]"]
            for (index, text) in preamble.enumerated() {
                let time = job.run.adding(seconds: Double(index) * 0.000713_1)
                file.add(at: time) { CIJobLine(time: time, text: text).write(to: &$0) }
            }
            let block = HelmUpgradeOutput(release: job.release, namespace: "prod", revision: job.revision,
                                          deployedAt: job.done.adding(seconds: -0.5)).lines
            for (index, text) in block.enumerated() {
                let time = job.done.adding(seconds: Double(index) * 0.000104_7)
                file.add(at: time, index == 0 ? [.deploy] : [], service: job.release) {
                    CIJobLine(time: time, text: text).write(to: &$0)
                }
            }
            let cleanup = job.done.adding(seconds: 0.931_164_9)
            file.add(at: cleanup) { CIJobLine(time: cleanup, text: "Cleaning up orphan processes").write(to: &$0) }
        }
        return file
    }

    private static let feeTraceback = """
        Traceback (most recent call last):
          File "/app/payments/charges/service.py", line 142, in create_charge
            fee = compute_fee(amount, currency)
          File "/app/payments/fees.py", line 88, in compute_fee
            return (amount * rate_for(currency)).quantize(FEE_QUANTUM, rounding=ROUND_HALF_EVEN)
        decimal.InvalidOperation: [<class 'decimal.InvalidOperation'>]
        """

    private var readme: String {
        """
        # An error regression without a memory change

        Written by `loggen samples`; do not edit by hand. All times are UTC (2025-06-03).

        ## What happened
        | UTC | event | where it shows |
        |---|---|---|
        | 13:00 → 14:01 | payments 3.7.2 serves ~9 requests/min; a rare 502 from the card provider | `logs/payments/*.log`, `logs/edge/access.log` |
        | 13:20:44 | Helm upgrades notifications to revision 17 (no logs of its own here; unrelated) | `deploy.log` |
        | 14:01:41, 14:01:55 | two payments 3.8.0 pods start (`Starting payments v3.8.0`) and take traffic; the old pods stop | `logs/payments/` |
        | 14:02:11 | Helm reports `Release "payments" has been upgraded`, revision 42 | `deploy.log` |
        | 14:02 → 15:30 | the ~30% of `POST /v1/charges` not in NGN fail with 500 and a `decimal.InvalidOperation` traceback | `logs/payments/`, `logs/edge/` |
        | all along | payments RSS flat (~145 MB per pod) | `"rss_mb"` lines |

        The new pods take traffic from 14:01:47, before Helm's line at 14:02:11, because
        `helm upgrade --wait` returns only once the rollout is done; the first failing
        charge follows at 14:02:47.

        ## Files
        - `logs/payments/*.log`: structlog JSON (`json.dumps` separators, `timestamp` last), one file per pod.
        - `logs/edge/access.log`: Envoy's default access log format.
        - `deploy.log`: a GitHub Actions job log (every line prefixed with its UTC time) with Helm's output.
          Only the `Release "…" has been upgraded` line is a deploy event; the `Run helm upgrade` command
          line above it is not.

        ```
        culprit analyze samples/error-regression/logs samples/error-regression/deploy.log
        ```

        ## What culprit should conclude
        payments' deploy of 3.8.0 at ~14:02Z is the **likely** culprit: its 5xx rate and
        error records jump at that deploy (payments and edge alike) while its memory stays
        flat. notifications' upgrade at 13:20 changed nothing visible and edge only passes
        payments' errors on. `expected.json` holds the answer and the number of events of
        each kind per service (the `deploy` events come from `deploy.log`).

        """
    }
}
