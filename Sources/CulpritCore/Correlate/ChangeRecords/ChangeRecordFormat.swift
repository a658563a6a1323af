/// The kinds of change record file `--deploys` reads, told apart by their
/// content, never by their name.
public enum ChangeRecordFormat: String, Sendable, CaseIterable {
    /// A header naming at least `time` and `service` (`version`, `kind`, `sha`, `actor` optional).
    case csv
    /// One JSON object per line with the CSV's keys.
    case jsonLines = "json-lines"

    /// The one line said about a file that is none of these.
    public static let unknownMessage = "not a change record culprit reads (CSV or JSON Lines)"
}
