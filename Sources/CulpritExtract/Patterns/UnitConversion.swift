/// Converts captured unit words to bytes and seconds.
///
/// Memory multiples are binary (K = KB = KiB = 1024): that is what the JVM,
/// Node, the kernel and nearly every runtime mean when they log `KB`/`MB`.
package enum UnitConversion {
    /// Bytes per unit for a memory unit word, nil when it is not one.
    package static func bytes(_ unit: some StringProtocol) -> Double? {
        switch unit.lowercased() {
        case "", "b", "byte", "bytes": return 1
        case "k", "kb", "kib", "ki", "kbytes", "kilobytes": return 1024
        case "m", "mb", "mib", "mi", "mbytes", "megabytes": return 1_048_576
        case "g", "gb", "gib", "gi", "gbytes", "gigabytes": return 1_073_741_824
        case "t", "tb", "tib", "ti": return 1_099_511_627_776
        case "p", "pb", "pib", "pi": return 1_125_899_906_842_624
        default: return nil
        }
    }

    /// Seconds per unit for a duration unit word, nil when it is not one.
    package static func seconds(_ unit: some StringProtocol) -> Double? {
        switch unit.lowercased() {
        case "ns", "nanoseconds": return 1e-9
        case "us", "µs", "μs", "micros", "usec", "usecs", "microseconds": return 1e-6
        case "ms", "msec", "msecs", "millis", "milliseconds": return 1e-3
        case "", "s", "sec", "secs", "second", "seconds": return 1
        case "m", "min", "mins", "minute", "minutes": return 60
        case "h", "hr", "hour", "hours": return 3600
        default: return nil
        }
    }

    /// The unit a field name implies (`heap_used_bytes`, `rss_mb`, `heapUsedKB`), nil if none.
    package static func unitSuffix(ofField name: String) -> String? {
        let lowered = name.lowercased()
        for suffix in ["bytes", "kib", "mib", "gib", "kb", "mb", "gb"] where lowered.hasSuffix(suffix) {
            let cut = lowered.dropLast(suffix.count)
            if cut.isEmpty || cut.last == "_" || cut.last == "." || cut.last == "-" || name.dropLast(suffix.count).last?.isLowercase == true
                || name.suffix(suffix.count).first?.isUppercase == true {
                return suffix
            }
        }
        return nil
    }
}

extension UnitConversion {
    /// The duration unit a field name implies (`duration_ms`, `latencyMs`, `took_us`, `elapsed_seconds`).
    package static func durationSuffix(ofField name: String) -> String? {
        let lowered = name.lowercased()
        for suffix in ["seconds", "millis", "ms", "us", "ns", "sec", "s"] where lowered.hasSuffix(suffix) {
            let cut = lowered.dropLast(suffix.count)
            let separated = cut.last == "_" || cut.last == "." || cut.last == "-"
            let camel = name.suffix(suffix.count).first?.isUppercase == true
            if separated || camel || (suffix.count > 2 && !cut.isEmpty) { return suffix == "millis" ? "ms" : suffix }
        }
        return nil
    }
}
