/// `/var/log/syslog` of auth-01, the VM auth-service runs on
/// (`logs/auth-service/syslog`): RFC 3164, local WAT time, no year.
///
/// systemd stopping and starting the unit at each deploy, the kernel's OOM kill
/// at 04:22 and hourly cron noise. Kernel messages reach this file from
/// `kern.err` up, so of the kernel's OOM report only the `Out of memory: Killed
/// process` line is here: one `oom` event (its `anon-rss` is no memory reading).
/// The service runs from its jlink launcher `/opt/auth-service/bin/auth-service`,
/// so the kernel names the process `auth-service`, not `java`. systemd's two
/// lines about the killed unit (`Main process exited, code=killed`, `Failed with
/// result 'signal'`) are one `error` event each.
struct AuthHostSyslog {
    let timeline: AuthLeakTimeline
    let host = "auth-01"

    func write(using random: inout SplitMix64) -> LogFile {
        let file = LogFile(service: "auth-service", name: "syslog")
        let hours = [1, 2, 3, 4, 5]
        for hour in hours {
            let time = AuthLeakTimeline.wat(hour, 17, 1.0 + random.double(in: 0...0.4))
            add(file, time, tag: "CRON[\(random.int(in: 30_000...60_000))]",
                "(root) CMD (   cd / && run-parts --report /etc/cron.hourly)")
        }
        let tmpfiles = AuthLeakTimeline.wat(1, 29, 44.81)
        add(file, tmpfiles, tag: "systemd[1]", "Starting Cleanup of Temporary Directories...")
        add(file, tmpfiles.adding(seconds: 0.06), tag: "systemd[1]", "systemd-tmpfiles-clean.service: Succeeded.")
        add(file, tmpfiles.adding(seconds: 0.07), tag: "systemd[1]", "Finished Cleanup of Temporary Directories.")
        add(file, AuthLeakTimeline.wat(3, 2, 18.4), tag: "systemd-timesyncd[611]",
            "Initial synchronization to time server 185.125.190.56:123 (ntp.ubuntu.com).")

        for process in timeline.processes {
            if let started = process.started {
                add(file, started.adding(seconds: -0.02), tag: "systemd[1]", "Starting Auth Service...")
                add(file, started, tag: "systemd[1]", "Started Auth Service.")
            }
            guard process.ended < timeline.logEnd else { continue }
            if process.killedByKernel {
                writeOOMKill(process, to: file)
            } else {
                let stopping = process.ended.adding(seconds: -1.2)
                add(file, stopping, tag: "systemd[1]", "Stopping Auth Service...")
                add(file, process.ended.adding(seconds: 1.3), tag: "systemd[1]", "auth-service.service: Succeeded.")
                add(file, process.ended.adding(seconds: 1.31), tag: "systemd[1]", "Stopped Auth Service.")
            }
        }
        return file
    }

    private func add(_ file: LogFile, _ time: LogInstant, _ kinds: [EventKind] = [], tag: String, _ message: String) {
        file.add(at: time, kinds) { buffer in
            SyslogLine(time: time, offset: AuthLeakTimeline.zone, host: host, tag: tag, message: message)
                .write(to: &buffer)
        }
    }

    private func writeOOMKill(_ process: AuthLeakTimeline.AuthProcess, to file: LogFile) {
        let time = process.ended
        let residentKB = Int(timeline.memory.trendMB(at: time) * 1_024)
        add(file, time, [.oom], tag: "kernel",
            "[87321.402113] Out of memory: Killed process \(process.pid) (auth-service) total-vm:4712844kB, "
                + "anon-rss:\(residentKB)kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:4628kB oom_score_adj:0")
        add(file, time.adding(seconds: 0.318), [.error], tag: "systemd[1]",
            "auth-service.service: Main process exited, code=killed, status=9/KILL")
        add(file, time.adding(seconds: 0.319), [.error], tag: "systemd[1]",
            "auth-service.service: Failed with result 'signal'.")
    }
}
