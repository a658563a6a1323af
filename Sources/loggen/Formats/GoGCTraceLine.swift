/// A Go runtime `GODEBUG=gctrace=1` line on stderr (Go 1.19+), with no time
/// stamp of its own: cycle number, seconds since start, GC CPU share, phase
/// times, heap at start → at end → live, the goal, stacks, globals, Ps:
///
///     gc 42 @123.456s 3%: 0.018+2.1+0.024 ms clock, 0.14+0.52/3.9/7.6+0.19 ms cpu, 48->49->24 MB, 50 MB goal, 0 MB stacks, 0 MB globals, 8 P
struct GoGCTraceLine {
    var cycle: Int
    var secondsSinceStart: Double
    var cpuPercent: Int
    var startMB: Int
    var endMB: Int
    var liveMB: Int
    var goalMB: Int
    var procs: Int
    var clockMs: (Double, Double, Double)

    func write(to buffer: inout LineBuffer) {
        buffer.append("gc ")
        buffer.append(cycle)
        buffer.append(" @")
        buffer.append(secondsSinceStart, places: 3)
        buffer.append("s ")
        buffer.append(cpuPercent)
        buffer.append("%: ")
        buffer.append(clockMs.0, places: 3)
        buffer.append(byte: UInt8(ascii: "+"))
        buffer.append(clockMs.1, places: 1)
        buffer.append(byte: UInt8(ascii: "+"))
        buffer.append(clockMs.2, places: 3)
        buffer.append(" ms clock, ")
        buffer.append(clockMs.0 * Double(procs), places: 2)
        buffer.append(byte: UInt8(ascii: "+"))
        buffer.append(clockMs.1 * 0.3, places: 2)
        buffer.append(byte: UInt8(ascii: "/"))
        buffer.append(clockMs.1 * 1.8, places: 1)
        buffer.append(byte: UInt8(ascii: "/"))
        buffer.append(clockMs.1 * 3.1, places: 1)
        buffer.append(byte: UInt8(ascii: "+"))
        buffer.append(clockMs.2 * Double(procs), places: 2)
        buffer.append(" ms cpu, ")
        buffer.append(startMB)
        buffer.append("->")
        buffer.append(endMB)
        buffer.append("->")
        buffer.append(liveMB)
        buffer.append(" MB, ")
        buffer.append(goalMB)
        buffer.append(" MB goal, 0 MB stacks, 0 MB globals, ")
        buffer.append(procs)
        buffer.append(" P")
    }
}
