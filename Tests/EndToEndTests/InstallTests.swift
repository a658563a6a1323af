import Foundation
import Testing

/// `make install` and the man page it installs: the files land under
/// DESTDIR/PREFIX, and the page (docs/culprit.1) names every subcommand and
/// option the binary has.
@Suite struct InstallTests {
    static let manPage = CulpritBinary.packageRoot.appendingPathComponent("docs/culprit.1")
    static let make = ["/usr/bin/make", "/bin/make", "/usr/local/bin/make"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: make != nil, "make is not installed"))
    func installPutsTheBinaryTheManPageAndCompletionsUnderDestdir() throws {
        let stage = try CulpritBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: stage) }
        let result = try CulpritBinary.run(executable: try #require(Self.make),
                                           ["--no-print-directory", "install-files", "DESTDIR=\(stage.path)", "PREFIX=/usr",
                                            "INSTALL_BIN=\(CulpritBinary.path)"])
        #expect(result.status == 0, "make install-files: \(result.stderr)")
        let root = stage.appendingPathComponent("usr")
        for file in ["bin/culprit", "share/man/man1/culprit.1", "share/bash-completion/completions/culprit",
                     "share/zsh/site-functions/_culprit", "share/fish/vendor_completions.d/culprit.fish"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(file).path)[.size] as? Int) ?? 0
            #expect(size > 0, "\(file) is missing or empty")
        }
        let installed = root.appendingPathComponent("bin/culprit").path
        #expect(FileManager.default.isExecutableFile(atPath: installed))
        let version = try CulpritBinary.run(executable: installed, ["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty, "the installed binary runs")
        let bash = try String(contentsOf: root.appendingPathComponent("share/bash-completion/completions/culprit"), encoding: .utf8)
        #expect(bash.contains("analyze") && bash.contains("complete"))
        let zsh = try String(contentsOf: root.appendingPathComponent("share/zsh/site-functions/_culprit"), encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef culprit"))
        #expect(try String(contentsOf: root.appendingPathComponent("share/man/man1/culprit.1"), encoding: .utf8)
            == String(contentsOf: Self.manPage, encoding: .utf8))
        // Staged only: nothing outside DESTDIR was touched, and a missing binary is one clear line.
        let missing = try CulpritBinary.run(executable: try #require(Self.make),
                                            ["--no-print-directory", "install-files", "DESTDIR=\(stage.path)", "INSTALL_BIN=/nonexistent/culprit"])
        #expect(missing.status != 0 && missing.stderr.contains("/nonexistent/culprit is missing"))
    }

    @Test func theManPageNamesEverySubcommandAndOption() throws {
        let page = try String(contentsOf: Self.manPage, encoding: .utf8)
        #expect(page.contains(".Dt CULPRIT 1"))
        let commands = [["analyze"], ["watch"], ["report"], ["extract"], ["patterns", "list"], ["patterns", "test"]]
        let root = try CulpritBinary.run(["--help"]).stdout
        for name in Self.subcommands(in: root) { #expect(commands.contains { $0.first == name }, "culprit \(name) is not checked here") }
        var checked = 0
        for command in commands {
            #expect(page.contains(".It Em \(command.last!)"), "the man page has no section for \(command.joined(separator: " "))")
            let help = try CulpritBinary.run(command + ["--help"]).stdout
            for option in Self.longOptions(in: help) where option != "help" {
                // mdoc writes `Fl -tz`, or `Fl q , -quiet` for an option with a short name.
                #expect(page.contains("Fl -\(option)") || page.contains(" , -\(option)"), "culprit \(command.joined(separator: " ")) --\(option) is not in docs/culprit.1 (make man)")
                checked += 1
            }
        }
        #expect(checked > 40, "only \(checked) options were read from --help")
    }

    /// The names in the SUBCOMMANDS section of a help text.
    static func subcommands(in help: String) -> [String] {
        guard let section = help.components(separatedBy: "SUBCOMMANDS:").dropFirst().first else { return [] }
        return section.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first, !line.contains("See '") else { return nil }
            return String(name)
        }
    }

    /// `--name` of each option in the OPTIONS section (lines that begin with the option).
    static func longOptions(in help: String) -> [String] {
        help.split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " }
            guard line.count - trimmed.count == 2 else { return nil }
            let text = trimmed.hasPrefix("-") && trimmed.dropFirst().first != "-" ? trimmed.drop { $0 != " " }.dropFirst() : trimmed
            guard text.hasPrefix("--") else { return nil }
            let name = text.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            return name.isEmpty ? nil : String(name)
        }
    }
}
