/// Tells a binary file from a log with a few stray NUL bytes: binary when a
/// known binary magic starts it, or when over 10% of its first 8 KiB are
/// control bytes other than tab, newline, carriage return, form feed and escape.
enum BinarySniffer {
    static let sampleSize = 8192

    static func isBinary(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let sample = UnsafeBufferPointer(rebasing: bytes.prefix(sampleSize))
        guard !sample.isEmpty else { return false }
        let magics: [[UInt8]] = [
            [0x7F, 0x45, 0x4C, 0x46],                          // ELF
            [0x89, 0x50, 0x4E, 0x47],                          // PNG
            [0x50, 0x4B, 0x03, 0x04],                          // zip
            Array("LPKSHHRH".utf8),                            // systemd journal file
            [0x28, 0xB5, 0x2F, 0xFD],                          // zstd
            [0x42, 0x5A, 0x68],                                // bzip2
            [0xFD, 0x37, 0x7A, 0x58, 0x5A],                    // xz
        ]
        for magic in magics where sample.count >= magic.count && zip(sample, magic).allSatisfy({ $0 == $1 }) {
            return true
        }
        var control = 0
        for byte in sample where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B {
            control += 1
        }
        return control * 10 > sample.count
    }
}
