import CulpritModel

/// A pattern ready to run: its regexes compiled and its capture groups resolved.
/// A class, so the hot path reads it by reference instead of copying it.
final class CompiledPattern: Sendable {
    let definition: PatternDefinition
    /// Its position in the pattern set.
    let index: Int
    let kind: EventKind
    let id: String
    let fallback: Bool
    let level: Severity?
    let levelOnly: Bool
    let dependency: String?
    /// The regex runs on the raw line (`applies_to: line`), not the message.
    let matchesRawLine: Bool
    let regex: CompiledRegex?
    /// `regex` unretained, for the hot path (`regex` keeps it alive).
    let regexHandle: Unmanaged<CompiledRegex>?
    let field: CompiledRegex?
    /// `definition.unless` compiled: a match of it vetoes the record.
    let unless: CompiledRegex?
    let groups: CaptureGroups
    /// Bytes per unit when the line gives no unit.
    let defaultBytesPerUnit: Double
    /// Seconds per unit when the line gives no duration unit.
    let defaultSecondsPerUnit: Double?

    init(_ definition: PatternDefinition, index: Int) throws(RegexCompileError) {
        self.definition = definition
        self.index = index
        kind = definition.kind
        id = definition.id
        fallback = definition.fallback
        level = definition.level
        levelOnly = definition.levelOnly
        dependency = definition.dependency
        matchesRawLine = definition.subject == .line
        regex = try definition.regex.map { source throws(RegexCompileError) in try CompiledRegex(source) }
        regexHandle = regex.map { .passUnretained($0) }
        field = try definition.field.map { source throws(RegexCompileError) in try CompiledRegex(source) }
        unless = try definition.unless.map { source throws(RegexCompileError) in try CompiledRegex(source) }
        groups = CaptureGroups(regex?.groupNumbers ?? [:])
        defaultBytesPerUnit = definition.unit.flatMap { UnitConversion.bytes($0) } ?? 1
        defaultSecondsPerUnit = definition.durationUnit.flatMap { UnitConversion.seconds($0) }
    }

    /// Capture groups of its regex (the match data is sized to the largest).
    var captureCount: Int { max(regex?.captureCount ?? 0, field?.captureCount ?? 0, unless?.captureCount ?? 0) }

    deinit { groups.deallocate() }
}
