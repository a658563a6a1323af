import Foundation

/// Turns command-line PATH arguments into the files to read: files as given,
/// directories walked recursively in name order (hidden entries skipped, links
/// to directories not followed), `-` for standard input.
public enum InputExpander {
    /// The files `arguments` name (a directory read recursively, hidden files skipped, in sorted order; `-` for standard input), and an error for each argument that cannot be read.
    public static func expand(_ arguments: [String]) -> (files: [InputFile], errors: [InputError]) {
        var files = [InputFile]()
        var errors = [InputError]()
        var seen = Set<String>()
        for argument in arguments {
            if argument == "-" {
                files.append(.standardInput)
                continue
            }
            var status = stat()
            guard stat(argument, &status) == 0 else {
                // ELOOP (a symlink loop), EACCES, ENOTDIR… each says what to fix.
                errors.append(InputError(path: argument, message: Self.reason(errno)))
                continue
            }
            if status.st_mode & S_IFMT == S_IFDIR {
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
            errors.append(InputError(path: display, message: "cannot read directory (\(access(directory, R_OK | X_OK) == 0 ? "unreadable" : Self.reason(errno)))"))
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
            } else if type == S_IFREG {
                if seen.insert(path).inserted {
                    var file = InputFile(openPath: path, displayPath: shown, modificationTime: Int64(status.st_mtim.tv_sec))
                    file.foundInDirectory = true
                    files.append(file)
                }
            } else if type == S_IFLNK {
                // A link inside a folder is read when it leads to a file; a dangling
                // link or a loop is said, not skipped in silence. Links to folders are not followed.
                var target = stat()
                if stat(path, &target) != 0 {
                    errors.append(InputError(path: shown, message: Self.reason(errno)))
                } else if target.st_mode & S_IFMT == S_IFREG, seen.insert(path).inserted {
                    var file = InputFile(openPath: path, displayPath: shown, modificationTime: Int64(target.st_mtim.tv_sec))
                    file.foundInDirectory = true
                    files.append(file)
                }
            }
        }
    }

    private static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }

    /// Why a path cannot be read, in the words of the error it gave.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case ELOOP: return "too many levels of symbolic links (a link loop?)"
        case EACCES: return "permission denied"
        case ENOTDIR: return "a part of the path is not a directory"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    package static func modificationTime(_ path: String) -> Int64? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int64(status.st_mtim.tv_sec)
    }
}
