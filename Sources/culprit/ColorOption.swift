import ArgumentParser
import Foundation

/// When the table output is coloured.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// `--color auto|always|never`: `auto` colours a terminal unless `NO_COLOR` is set
/// (to anything but the empty string, as no-color.org asks) or `TERM` is `dumb`.
struct ColorOption: ParsableArguments {
    @Option(name: .customLong("color"), help: ArgumentHelp("Colour the table: auto (a terminal, unless NO_COLOR or TERM=dumb), always, never.", valueName: "WHEN"))
    var choice: ColorChoice = .auto

    func enabled(terminal: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return terminal
        }
    }
}
