/// A JVM unified logging line (`-Xlog:gc:file=gc.log:time,level,tags`), time with
/// milliseconds and a compact offset:
///
///     [2025-06-10T14:02:11.123+0000][info][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 812M->790M(2048M) 12.345ms
///
/// A pause line is one `gc` event (the pause) and one `memory` event (the heap
/// after the collection, with the capacity as its limit). Concurrent-cycle lines
/// and notes such as `To-space exhausted` carry no heap figure and are neither.
struct UnifiedGCLine {
    enum Body {
        /// `GC(id) <name> <before>M-><after>M(<capacity>M) <pause>ms`.
        case pause(id: Int, name: String, beforeMB: Int, afterMB: Int, capacityMB: Int, milliseconds: Double)
        /// `GC(id) <text>`, e.g. `Concurrent Mark Cycle 123.456ms`.
        case cycle(id: Int, text: String)
        /// A line without a GC id, e.g. `Using G1`.
        case note(String)
    }

    var time: LogInstant
    var offset: UTCOffset = .utc
    var body: Body

    func write(to buffer: inout LineBuffer) {
        buffer.append(byte: UInt8(ascii: "["))
        buffer.appendISO8601(time, offset: offset, fractionDigits: 3, offsetStyle: .compact)
        buffer.append("][info][gc] ")
        switch body {
        case let .pause(id, name, before, after, capacity, milliseconds):
            buffer.append("GC(")
            buffer.append(id)
            buffer.append(") ")
            buffer.append(name)
            buffer.append(byte: UInt8(ascii: " "))
            buffer.append(before)
            buffer.append("M->")
            buffer.append(after)
            buffer.append("M(")
            buffer.append(capacity)
            buffer.append("M) ")
            buffer.append(milliseconds, places: 3)
            buffer.append("ms")
        case let .cycle(id, text):
            buffer.append("GC(")
            buffer.append(id)
            buffer.append(") ")
            buffer.append(text)
        case let .note(text):
            buffer.append(text)
        }
    }
}
