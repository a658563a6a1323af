import CMalloc

/// Keeps freed memory in the process during a batch run (extract, analyze,
/// report). Workers allocate and free megabyte-sized chunk and output buffers
/// all the time; glibc would hand each back to the kernel and fault it in again,
/// which cost about a tenth of the run. Not used by `watch`, whose memory should
/// shrink back after a burst.
enum MallocTuning {
    static func keepFreedMemoryForBatchRun() {
        culprit_keep_freed_memory(32 << 20, 256 << 20)
    }
}
