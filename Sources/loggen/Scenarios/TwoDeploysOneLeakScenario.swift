/// `samples/two-deploys-one-leak/`: checkout 4.1.0 and search 7.3.0 are rolled
/// out four minutes apart (10:02Z and 10:06Z, 2025-04-08); only checkout's new
/// version leaks. The later deploy (search) is the tempting wrong answer.
///
/// checkout is Node.js: pino JSON inside the Kubernetes CRI envelope, a
/// `"memory":{"rss":…}` reading every 30 s. search is Go: ECS JSON with
/// `"heap_used_bytes"` every 60 s. One file per pod, as kubelet keeps them.
struct TwoDeploysOneLeakScenario: SampleScenario {
    let folder = "two-deploys-one-leak"

    private let logStart = LogInstant.utc(2025, 4, 8, 9, 30)
    private let logEnd = LogInstant.utc(2025, 4, 8, 11, 30)
    private let checkoutDeploy = LogInstant.utc(2025, 4, 8, 10, 2)
    private let searchDeploy = LogInstant.utc(2025, 4, 8, 10, 6)

    func build(using random: inout SplitMix64) -> ScenarioFiles {
        let checkoutOld = KubernetesPod(name: KubernetesPod.name("checkout", using: &random), version: "4.0.3",
                                        started: nil, terminated: checkoutDeploy.adding(seconds: 8.114))
        let checkoutNew = KubernetesPod(name: KubernetesPod.name("checkout", using: &random), version: "4.1.0",
                                        started: checkoutDeploy.adding(seconds: 3.207), terminated: nil)
        let searchOld = KubernetesPod(name: KubernetesPod.name("search", using: &random), version: "7.2.4",
                                      started: nil, terminated: searchDeploy.adding(seconds: 9.608))
        let searchNew = KubernetesPod(name: KubernetesPod.name("search", using: &random), version: "7.3.0",
                                      started: searchDeploy.adding(seconds: 2.731), terminated: nil)
        let checkoutMemory = MemoryLeakProfile(
            phases: [.init(start: logStart, baseMB: 182, slopeMBPerMinute: 0),
                     .init(start: checkoutNew.started!, baseMB: 171, slopeMBPerMinute: 4.6)],
            noiseMB: 2.5, sawtoothMB: 9, sawtoothPeriod: 95)
        let searchMemory = MemoryLeakProfile(
            phases: [.init(start: logStart, baseMB: 318, slopeMBPerMinute: 0),
                     .init(start: searchNew.started!, baseMB: 309, slopeMBPerMinute: 0)],
            noiseMB: 4, sawtoothMB: 22, sawtoothPeriod: 130)
        let logs = [
            checkoutLog(checkoutOld, memory: checkoutMemory, using: &random),
            checkoutLog(checkoutNew, memory: checkoutMemory, using: &random),
            searchLog(searchOld, memory: searchMemory, using: &random),
            searchLog(searchNew, memory: searchMemory, using: &random),
        ]
        let deploys = DeploysFile(name: "deploys.jsonl", format: .jsonLines, records: [
            DeployRecord(time: checkoutDeploy, offset: .utc, service: "checkout", version: "4.1.0", kind: "deploy",
                         sha: "", actor: ""),
            DeployRecord(time: searchDeploy, offset: .utc, service: "search", version: "7.3.0", kind: "deploy",
                         sha: "", actor: ""),
        ])
        return ScenarioFiles(
            logs: logs, deploys: deploys,
            expected: ExpectedOutcome(
                tz: nil,
                topSuspect: .init(service: "checkout", version: "4.1.0", change: "deploy", verdict: "likely"),
                notSuspects: ["search"]),
            readme: readme(checkoutNew: checkoutNew, searchNew: searchNew))
    }

    private func window(of pod: KubernetesPod) -> (LogInstant, LogInstant) {
        (pod.started ?? logStart, pod.terminated.map { $0.adding(seconds: 1.2) } ?? logEnd)
    }

    // MARK: checkout (pino in CRI)

    private func checkoutLog(_ pod: KubernetesPod, memory: MemoryLeakProfile, using random: inout SplitMix64) -> LogFile {
        let file = LogFile(service: "checkout", name: pod.name + ".log")
        let (from, until) = window(of: pod)
        func add(_ time: LogInstant, kinds: [EventKind] = [], level: Int = 30, _ message: String,
                 fields: (inout LineBuffer) -> Void = { _ in }) {
            file.add(at: time, kinds) { buffer in
                CRIEnvelope.writePrefix(to: &buffer, time: time)
                PinoLine(level: level, time: time, pid: 1, hostname: pod.name, message: message)
                    .write(to: &buffer, fields: fields)
            }
        }
        if let started = pod.started {
            add(started, kinds: [.start], "Starting checkout v\(pod.version)")
            add(started.adding(seconds: 0.412), "Connected to redis at redis-master.prod.svc.cluster.local:6379")
            add(started.adding(seconds: 0.538), kinds: [.start], "Server listening at http://0.0.0.0:8080")
        }
        if let terminated = pod.terminated {
            add(terminated, "received SIGTERM, draining connections")
            add(terminated.adding(seconds: 1.104), "server closed")
        }
        for time in ArrivalClock.periodic(from: from.adding(seconds: 5), to: min(until, pod.terminated ?? until),
                                          every: 30, jitter: 0.02, using: &random) {
            let bytes = Int(memory.sampleMB(at: time, using: &random) * 1_048_576)
            add(time, kinds: [.memory], "process stats") { buffer in
                buffer.appendJSONKey("memory")
                buffer.append("{\"rss\":")
                buffer.append(bytes)
                buffer.append(byte: UInt8(ascii: "}"))
            }
        }
        let trafficEnd = pod.terminated ?? until
        for time in ArrivalClock.arrivals(from: from.adding(seconds: 1), to: trafficEnd, perMinute: .constant(3.2),
                                          using: &random) {
            let cart = "cart_" + random.token(10, alphabet: "0123456789abcdefghjkmnpqrstvwxyz")
            switch random.below(3) {
            case 0:
                let order = "ord_" + random.token(10, alphabet: "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
                let items = random.int(in: 1...6)
                add(time, "order placed") { buffer in
                    buffer.appendJSONField("orderId", order)
                    buffer.appendJSONField("cartId", cart)
                    buffer.appendJSONField("items", items)
                }
            case 1:
                let lines = random.int(in: 1...6)
                add(time, "cart priced") { buffer in
                    buffer.appendJSONField("cartId", cart)
                    buffer.appendJSONField("lines", lines)
                    buffer.appendJSONField("currency", "NGN")
                }
            default:
                let sku = "SKU-" + String(random.int(in: 10_000...99_999))
                add(time, "inventory reserved") { buffer in
                    buffer.appendJSONField("cartId", cart)
                    buffer.appendJSONField("sku", sku)
                }
            }
        }
        for time in ArrivalClock.arrivals(from: from.adding(seconds: 60), to: trafficEnd, perMinute: .constant(0.06),
                                          using: &random) {
            add(time, kinds: [.error], level: 50, "payment authorization failed") { buffer in
                buffer.appendJSONKey("err")
                buffer.append("{\"type\":\"FetchError\",\"message\":\"request to http://payments.prod.svc.cluster.local/"
                    + "v1/charges failed, reason: socket hang up\",\"stack\":\"FetchError: request to "
                    + "http://payments.prod.svc.cluster.local/v1/charges failed, reason: socket hang up\\n    at "
                    + "ClientRequest.<anonymous> (/app/node_modules/node-fetch/lib/index.js:1491:11)\\n    at "
                    + "ClientRequest.emit (node:events:519:28)\\n    at TLSSocket.socketOnEnd (node:_http_client:524:9)\"}")
            }
        }
        return file
    }

    // MARK: search (ECS)

    private func searchLog(_ pod: KubernetesPod, memory: MemoryLeakProfile, using random: inout SplitMix64) -> LogFile {
        let file = LogFile(service: "search", name: pod.name + ".ndjson")
        let (from, until) = window(of: pod)
        func add(_ time: LogInstant, kinds: [EventKind] = [], level: String = "info", _ message: String,
                 fields: (inout LineBuffer) -> Void = { _ in }) {
            file.add(at: time, kinds) { buffer in
                ECSLine(time: time, level: level, message: message, serviceName: "search",
                        serviceVersion: pod.version, hostname: pod.name).write(to: &buffer, fields: fields)
            }
        }
        if let started = pod.started {
            add(started, kinds: [.start], "Starting search v\(pod.version)")
            add(started.adding(seconds: 1.902), "index products-v12 opened") { buffer in
                buffer.appendJSONField("search.index", "products-v12")
                buffer.appendJSONField("search.shards", 6)
            }
            add(started.adding(seconds: 1.950), kinds: [.start], "http server listening on :8080")
        }
        if let terminated = pod.terminated {
            add(terminated, "shutting down: received terminated")
            add(terminated.adding(seconds: 0.731), "http server stopped")
        }
        let trafficEnd = pod.terminated ?? until
        for time in ArrivalClock.periodic(from: from.adding(seconds: 8.3), to: trafficEnd, every: 60, jitter: 0.4,
                                          using: &random) {
            let bytes = Int(memory.sampleMB(at: time, using: &random) * 1_048_576)
            let goroutines = random.int(in: 180...240)
            add(time, kinds: [.memory], "runtime stats") { buffer in
                buffer.appendJSONField("heap_used_bytes", bytes)
                buffer.appendJSONField("goroutines", goroutines)
            }
        }
        let terms = ["rice", "tomato paste", "phone charger", "ankara fabric", "generator", "baby formula",
                     "laptop bag", "solar lamp", "yam flour", "sneakers"]
        for time in ArrivalClock.arrivals(from: from.adding(seconds: 3), to: trafficEnd, perMinute: .constant(3.5),
                                          using: &random) {
            let term = random.pick(terms)
            let hits = random.int(in: 0...480)
            add(time, "search served") { buffer in
                buffer.appendJSONField("search.query", term)
                buffer.appendJSONField("search.hits", hits)
                buffer.appendJSONField("search.index", "products-v12")
            }
        }
        for time in ArrivalClock.arrivals(from: from.adding(seconds: 120), to: trafficEnd, perMinute: .constant(0.04),
                                          using: &random) {
            add(time, kinds: [.error], level: "error", "index shard request failed") { buffer in
                buffer.appendJSONField("error.message", "shard 4 of products-v12: context canceled")
            }
        }
        return file
    }

    private func readme(checkoutNew: KubernetesPod, searchNew: KubernetesPod) -> String {
        """
        # Two deploys minutes apart, one leak

        Written by `loggen samples`; do not edit by hand. All times are UTC (2025-04-08).

        ## What happened
        | UTC | event | where it shows |
        |---|---|---|
        | 09:30 → 10:02 | checkout 4.0.3 and search 7.2.4 run flat (checkout ~185 MB RSS, search ~320 MB heap) | both services' logs |
        | 10:02:00 | **checkout 4.1.0** rolled out; new pod `\(checkoutNew.name)` logs `Starting checkout v4.1.0` | `deploys.jsonl`, `logs/checkout/` |
        | 10:02 → 11:30 | checkout's RSS grows ~4.6 MB/min, from ~175 MB to ~580 MB | `"memory":{"rss":…}` lines |
        | 10:06:00 | search 7.3.0 rolled out; new pod `\(searchNew.name)` logs `Starting search v7.3.0` | `deploys.jsonl`, `logs/search/` |
        | 10:06 → 11:30 | search's heap stays flat | `"heap_used_bytes"` lines |

        ## Files
        - `logs/checkout/*.log`: kubelet CRI files (`<RFC 3339 nanos> stdout F <line>`) around pino JSON
          (numeric `level`, epoch-ms `time`, `msg`), one file per pod.
        - `logs/search/*.ndjson`: Elastic Common Schema JSON (`@timestamp`, `log.level`, `service.name`,
          `service.version`), one file per pod.
        - `deploys.jsonl`: JSON Lines with `time`, `service`, `version`, `kind`.

        ```
        culprit analyze samples/two-deploys-one-leak/logs --deploys samples/two-deploys-one-leak/deploys.jsonl
        ```

        ## What culprit should conclude
        checkout's deploy of 4.1.0 at 10:02Z is the **likely** culprit: its memory grows
        steadily from that deploy and was flat before. search's deploy at 10:06Z is the
        more recent change but its memory stays flat, so it must not be ranked likely.
        Both services log a few ordinary errors at the same low rate before and after.
        `expected.json` holds the answer and the number of events of each kind per service.

        """
    }
}
