import CulpritModel

/// A message template judged against a change of its service: new since the
/// change, or risen several-fold after it (see `NewMessageDetector`).
public struct MessageNovelty: Sendable {
    /// How the template came with the change.
    public enum How: String, Sendable {
        /// First seen soon after the change, never before it.
        case new
        /// Seen before, but several times as often after the change.
        case rose
    }

    /// The service whose messages these are.
    public var service: String
    /// The template judged.
    public var template: MessageTemplate
    /// The change it came with.
    public var change: ChangeMarker
    /// New, or risen.
    public var how: How
    /// Occurrences in the window judged: the hour from its first appearance (new)
    /// or from the change (rose), cut at the end of the service's logs.
    public var countAfter: Int
    /// Occurrences per minute in that window.
    public var ratePerMinute: Double
    /// For a rise: occurrences per minute before the change.
    public var rateBefore: Double?
    /// How strongly it points at the change, before the cap of `NewMessageDetector.weightCap(_:)`.
    public var weight: Double

    /// When it was first seen relative to the change (µs; may be slightly negative, see `NewMessageDetector.slack`).
    public var lag: Int64 { how == .new ? template.firstSeen - change.time : 0 }
}
