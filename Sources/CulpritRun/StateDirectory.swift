import CulpritIngest

/// The files of `report --state DIR` on disk: each written whole or not at all
/// (`AtomicFile`), and every failure told in one line that says what to do.
struct StateDirectory {
    let path: String

    /// Writes `bytes` to `name` in the directory atomically, creating the directory first.
    func write(_ bytes: [UInt8], to name: String) throws(StateSaveError) {
        do {
            try AtomicFile.write(bytes, to: name, in: path)
        } catch {
            let advice = error.isOutOfSpace ? "free some space there" : "check the directory"
            throw StateSaveError(path: error.path, message: "cannot save the report state (\(error.reason)); \(advice) or give --state another directory")
        }
    }
}
