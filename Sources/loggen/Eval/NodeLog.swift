/// What a machine's own log says when a process dies at its memory limit: the
/// kernel's OOM killer, then kubelet (Kubernetes) or systemd (a VM) restarting
/// it. Written as the host's journal (`journalctl -o short-iso`) or syslog.
final class NodeLog {
    let host: String
    let platform: Platform
    let offset: UTCOffset
    /// `journalctl -o short-iso` when true, else RFC 3164 `/var/log/syslog`.
    let shortISO: Bool
    let file: LogFile
    private let kubeletPID: Int
    private var uptimeBase: Double

    init(host: String, platform: Platform, offset: UTCOffset, shortISO: Bool, start: LogInstant,
         using random: inout SplitMix64) {
        self.host = host
        self.platform = platform
        self.offset = offset
        self.shortISO = shortISO
        file = LogFile(path: "logs/node/\(host)/\(shortISO ? "journal.txt" : "syslog")", service: host)
        kubeletPID = random.int(in: 600...3_000)
        uptimeBase = random.double(in: 86_400...4_000_000) - Double(start.nanoseconds / 1_000_000_000)
    }

    private func add(_ time: LogInstant, tag: String, pid: Int?, _ message: String) {
        file.add(at: time) { buffer in
            if shortISO {
                JournaldShortISOLine(time: time, offset: offset, host: host, identifier: tag, pid: pid,
                                     message: message).write(to: &buffer)
            } else {
                SyslogLine(time: time, offset: offset, host: host, tag: pid.map { "\(tag)[\($0)]" } ?? tag,
                           message: message).write(to: &buffer)
            }
        }
    }

    private func kernel(_ time: LogInstant, _ message: String) {
        let uptime = uptimeBase + Double(time.nanoseconds / 1_000_000) / 1_000
        let stamp = "[" + String(decimal: uptime, places: 6).leftPadded(to: 12) + "] "
        add(time, tag: "kernel", pid: nil, shortISO ? message : stamp + message)
    }

    /// The kernel's OOM kill of `process` (pid) in `container` of `service`'s pod.
    func oomKill(at time: LogInstant, service: String, process: String, pid: Int, rssMB: Double, pod: String,
                 using random: inout SplitMix64) {
        let cid = random.hex(64)
        let podUID = random.hex(8) + "_" + random.hex(4) + "_" + random.hex(4)
        let memcg = platform == .kubernetes
            ? "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod\(podUID).slice"
            : platform == .docker ? "/system.slice/docker-\(cid).scope" : "/system.slice/\(service).service"
        let task = platform == .kubernetes ? "\(memcg)/cri-containerd-\(cid).scope" : memcg
        kernel(time.adding(seconds: -0.004), "\(process) invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=\(platform == .kubernetes ? 983 : 0)")
        kernel(time.adding(seconds: -0.002), "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=\(platform == .kubernetes ? "cri-containerd-\(cid.prefix(12)).scope" : "/"),mems_allowed=0,oom_memcg=\(memcg),task_memcg=\(task),task=\(process),pid=\(pid),uid=\(platform == .vm ? 998 : 1000)")
        let rssKB = Int(rssMB * 1_024)
        kernel(time, "Memory cgroup out of memory: Killed process \(pid) (\(process)) total-vm:\(rssKB * 3 + 123_456)kB, anon-rss:\(rssKB)kB, file-rss:\(random.int(in: 8_000...40_000))kB, shmem-rss:0kB, UID:\(platform == .vm ? 998 : 1000) pgtables:\(rssKB / 400)kB oom_score_adj:\(platform == .kubernetes ? 983 : 0)")
        switch platform {
        case .kubernetes:
            let uid = random.hex(8) + "-" + random.hex(4) + "-" + random.hex(4) + "-" + random.hex(4) + "-" + random.hex(12)
            add(time.adding(seconds: random.double(in: 0.2...1.5)), tag: "kubelet", pid: kubeletPID,
                klog("I", time.adding(seconds: 1), "kubelet.go:2455",
                     "\"SyncLoop (PLEG): event for pod\" pod=\"prod/\(pod)\" event={\"ID\":\"\(uid)\",\"Type\":\"ContainerDied\",\"Data\":\"\(cid)\"}"))
            podUIDs[pod] = uid
        case .vm:
            add(time.adding(seconds: 0.05), tag: "systemd", pid: 1, "\(service).service: A process of this unit has been killed by the OOM killer.")
            add(time.adding(seconds: 0.06), tag: "systemd", pid: 1, "\(service).service: Main process exited, code=killed, status=9/KILL")
            add(time.adding(seconds: 0.07), tag: "systemd", pid: 1, "\(service).service: Failed with result 'oom-kill'.")
        case .docker:
            break
        }
    }

    private var podUIDs: [String: String] = [:]

    /// The process coming back: kubelet's back-off, or systemd's restart.
    func restart(at time: LogInstant, service: String, container: String, pod: String, backoff: Double,
                 restartCount: Int) {
        switch platform {
        case .kubernetes:
            let uid = podUIDs[pod] ?? "00000000-0000-0000-0000-000000000000"
            if backoff >= 10 {
                let waited = Int(backoff)
                let text = "\"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" for \\\"\(container)\\\" with CrashLoopBackOff: \\\"back-off \(waited)s restarting failed container=\(container) pod=\(pod)_prod(\(uid))\\\"\" pod=\"prod/\(pod)\" podUID=\"\(uid)\""
                add(time.adding(seconds: -backoff + 1.2), tag: "kubelet", pid: kubeletPID,
                    klog("E", time.adding(seconds: -backoff + 1.2), "pod_workers.go:1301", text))
            }
            add(time.adding(seconds: -0.4), tag: "kubelet", pid: kubeletPID,
                klog("I", time.adding(seconds: -0.4), "kuberuntime_container.go:779",
                     "\"Container exited, restarting\" pod=\"prod/\(pod)\" containerName=\"\(container)\" restartCount=\(restartCount) reason=\"OOMKilled\""))
        case .vm:
            add(time.adding(seconds: -0.3), tag: "systemd", pid: 1, "\(service).service: Scheduled restart job, restart counter is at \(restartCount).")
            add(time.adding(seconds: -0.2), tag: "systemd", pid: 1, "Stopped \(service).service.")
            add(time.adding(seconds: -0.1), tag: "systemd", pid: 1, "Started \(service).service.")
        case .docker:
            break
        }
    }

    private func klog(_ severity: String, _ time: LogInstant, _ source: String, _ message: String) -> String {
        var buffer = LineBuffer()
        KlogLine(severity: Character(severity), time: time, threadID: kubeletPID, source: source, message: message)
            .write(to: &buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// Ordinary lines so the file is never only the incident.
    func background(from start: LogInstant, to end: LogInstant, using random: inout SplitMix64) {
        for time in ArrivalClock.arrivals(from: start, to: end, perMinute: .constant(0.4), using: &random) {
            switch random.below(4) {
            case 0: add(time, tag: "systemd", pid: 1, "Started session-\(random.int(in: 100...9_000)).scope - Session of User ubuntu.")
            case 1: add(time, tag: "CRON", pid: random.int(in: 2_000...60_000), "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)")
            case 2:
                if platform == .kubernetes {
                    add(time, tag: "kubelet", pid: kubeletPID, klog("I", time, "container_gc.go:88", "\"Attempting to delete unused containers\""))
                } else {
                    add(time, tag: "systemd-timesyncd", pid: 512, "Network configuration changed, trying to establish connection.")
                }
            default: add(time, tag: "systemd", pid: 1, "Starting apt-daily.service - Daily apt download activities...")
            }
        }
    }
}

extension String {
    /// The string padded on the left with spaces to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
