import CulpritModel

extension Findings {
    /// What the analysis calls its start: "when the window begins" once a
    /// `--since` bound cut earlier lines off (trouble under way then may have
    /// begun in lines the window left out), else "when the logs begin".
    public var startPhrase: String { startIsWindow ? Self.windowStartPhrase : Self.logStartPhrase }

    static let logStartPhrase = "when the logs begin"
    static let windowStartPhrase = "when the window begins"

    /// Says "when the window begins" wherever the anomalies and the evidence
    /// said "when the logs begin": a `--since` bound cut earlier lines off.
    ///
    /// The detectors and the ranking write their sentences without knowing the
    /// window (docs/ARCHITECTURE.md, "Render should own the words"); this is
    /// the one place that corrects them, for every format alike.
    public mutating func sayWindowBegins() {
        guard !startIsWindow else { return }
        startIsWindow = true
        func fix(_ text: inout String) { text = text.replacingOccurrences(of: Self.logStartPhrase, with: Self.windowStartPhrase) }
        for index in anomalies.indices { fix(&anomalies[index].summary) }
        for suspect in suspects.indices {
            for item in suspects[suspect].evidence.indices { fix(&suspects[suspect].evidence[item].summary) }
        }
        for index in timeline.indices { fix(&timeline[index].title) }
    }
}
