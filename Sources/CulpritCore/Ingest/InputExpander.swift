import Foundation

/// Turns command-line PATH arguments into the files to read: files as given,
/// directories walked recursively in name order (hidden entries skipped, links
/// to directories not followed), `-` for standard input.
public enum InputExpander {
    public static func expand(_ arguments: [String]) -> (files: [InputFile], errors: [InputError]) {
        var files = [InputFile]()
        var errors = [InputError]()
        var seen = Set<String>()
        for argument in arguments {
            if argument == "-" {
                files.append(.standardInput)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                errors.append(InputError(path: argument, message: "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                walk(directory: argument, display: argument, into: &files, errors: &errors, seen: &seen)
            } else if seen.insert(argument).inserted {
                files.append(InputFile(openPath: argument, displayPath: argument, modificationTime: modificationTime(argument)))
            }
        }
        return (files, errors)
    }

    private static func walk(directory: String, display: String, into files: inout [InputFile], errors: inout [InputError], seen: inout Set<String>) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            errors.append(InputError(path: display, message: "cannot read directory"))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = join(directory, name)
            let shown = join(display, name)
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            let type = status.st_mode & S_IFMT
            if type == S_IFDIR {
                walk(directory: path, display: shown, into: &files, errors: &errors, seen: &seen)
            } else if type == S_IFREG || (type == S_IFLNK && isRegularFile(path)) {
                if seen.insert(path).inserted {
                    files.append(InputFile(openPath: path, displayPath: shown, modificationTime: Int64(status.st_mtim.tv_sec)))
                }
            }
        }
    }

    private static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    static func modificationTime(_ path: String) -> Int64? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int64(status.st_mtim.tv_sec)
    }
}
