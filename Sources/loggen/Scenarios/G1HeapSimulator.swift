/// Writes a G1 collector's `-Xlog:gc` lines for one JVM from a heap trend: young
/// pauses whose post-GC heap follows the trend, concurrent mark cycles once the
/// heap passes the initiating occupancy, and full collections when it is nearly
/// full.
///
/// Thresholds: concurrent cycles above 45% of capacity (G1's default
/// `InitiatingHeapOccupancyPercent`), full GCs above 92%. Young pauses come every
/// 20–45 s at low occupancy and every 6–15 s near full, since G1 shrinks the
/// young generation as the old one grows.
struct G1HeapSimulator {
    var capacityMB: Int
    var offset: UTCOffset = .utc

    /// Writes the JVM's GC log from `start` (JVM start) to `end`; each pause line
    /// is one `gc` and one `memory` event.
    func write(to file: LogFile, heap: MemoryLeakProfile, from start: LogInstant, to end: LogInstant,
               using random: inout SplitMix64) {
        let capacity = capacityMB
        func add(_ time: LogInstant, _ body: UnifiedGCLine.Body) {
            let kinds: [EventKind]
            if case .pause = body { kinds = [.gc, .memory] } else { kinds = [] }
            file.add(at: time, kinds) { buffer in
                UnifiedGCLine(time: time, offset: offset, body: body).write(to: &buffer)
            }
        }
        add(start, .note("Using G1"))
        var gcID = 0
        var time = start.adding(seconds: random.double(in: 8...20))
        var youngSinceCycle = 0
        var mixedPending = 0
        while time < end {
            let level = heap.sampleMB(at: time, using: &random)
            let occupancy = level / Double(capacity)
            let after = min(capacity - 2, Int(level))
            let eden = Int(Double(capacity) * max(0.02, 0.38 - 0.36 * occupancy) * random.double(in: 0.9...1.1))
            let before = min(capacity, after + eden)
            let pause = random.double(in: 6...18) * (1 + 3 * max(0, occupancy - 0.6))
            if occupancy > 0.92 {
                let reclaimed = Int(random.double(in: 0.5...3) * Double(capacity) / 100)
                if random.chance(0.5) { add(time.adding(seconds: -0.003), .cycle(id: gcID, text: "To-space exhausted")) }
                add(time, .pause(id: gcID, name: "Pause Young (Normal) (G1 Evacuation Pause)", beforeMB: capacity,
                                 afterMB: capacity, capacityMB: capacity, milliseconds: pause))
                gcID += 1
                let full = time.adding(seconds: 0.05)
                add(full, .pause(id: gcID, name: "Pause Full (G1 Compaction Pause)", beforeMB: capacity,
                                 afterMB: capacity - reclaimed, capacityMB: capacity,
                                 milliseconds: random.double(in: 1_400...2_900)))
            } else if occupancy > 0.45, youngSinceCycle >= 5 {
                add(time, .pause(id: gcID, name: "Pause Young (Concurrent Start) (G1 Evacuation Pause)",
                                 beforeMB: before, afterMB: after, capacityMB: capacity, milliseconds: pause * 1.2))
                gcID += 1
                let cycleID = gcID
                let mark = time.adding(seconds: 0.001)
                add(mark, .cycle(id: cycleID, text: "Concurrent Mark Cycle"))
                let remark = mark.adding(seconds: random.double(in: 0.2...0.9))
                let marked = after + random.int(in: 4...30)
                add(remark, .pause(id: cycleID, name: "Pause Remark", beforeMB: marked, afterMB: marked,
                                   capacityMB: capacity, milliseconds: random.double(in: 2...9)))
                let cleanup = remark.adding(seconds: random.double(in: 0.05...0.3))
                add(cleanup, .pause(id: cycleID, name: "Pause Cleanup", beforeMB: marked + 3, afterMB: marked + 3,
                                    capacityMB: capacity, milliseconds: random.double(in: 0.2...0.9)))
                let markTime = cleanup.seconds(since: mark) * 1_000 + random.double(in: 5...40)
                add(cleanup.adding(seconds: 0.02),
                    .cycle(id: cycleID, text: "Concurrent Mark Cycle \(String(decimal: markTime, places: 3))ms"))
                youngSinceCycle = 0
                mixedPending = 3
            } else if mixedPending > 0 {
                let name = mixedPending == 3 ? "Pause Young (Prepare Mixed) (G1 Evacuation Pause)"
                    : "Pause Young (Mixed) (G1 Evacuation Pause)"
                add(time, .pause(id: gcID, name: name, beforeMB: before, afterMB: after, capacityMB: capacity,
                                 milliseconds: pause * 1.4))
                mixedPending -= 1
            } else {
                add(time, .pause(id: gcID, name: "Pause Young (Normal) (G1 Evacuation Pause)", beforeMB: before,
                                 afterMB: after, capacityMB: capacity, milliseconds: pause))
                youngSinceCycle += 1
            }
            gcID += 1
            let interval = occupancy > 0.7 ? random.double(in: 6...15) : random.double(in: 20...45)
            time = time.adding(seconds: interval)
        }
    }
}
