/// A pattern ready to run: its regexes compiled and its capture groups resolved.
/// A class, so the hot path reads it by reference instead of copying it.
final class CompiledPattern: Sendable {
    let definition: PatternDefinition
    let kind: EventKind
    let id: String
    let fallback: Bool
    let level: Severity?
    /// The regex runs on the raw line (`applies_to: line`), not the message.
    let matchesRawLine: Bool
    let regex: CompiledRegex?
    let field: CompiledRegex?
    let groups: Groups
    /// Bytes per unit when the line gives no unit.
    let defaultBytesPerUnit: Double
    /// Seconds per unit when the line gives no duration unit.
    let defaultSecondsPerUnit: Double?

    /// Capture group numbers per meaning (empty when the regex has no such group;
    /// several when `(?J)` reuses a name across alternatives).
    struct Groups: Sendable {
        var value: [Int], unit: [Int], limit: [Int], limitUnit: [Int], duration: [Int], durationUnit: [Int]
        var status: [Int], service: [Int], version: [Int], host: [Int]

        init(_ names: [String: [Int]]) {
            value = names["value"] ?? []
            unit = names["unit"] ?? []
            limit = names["limit"] ?? []
            limitUnit = names["limit_unit"] ?? []
            duration = names["duration"] ?? []
            durationUnit = names["duration_unit"] ?? []
            status = names["status"] ?? []
            service = names["service"] ?? []
            version = names["version"] ?? []
            host = names["host"] ?? []
        }
    }

    init(_ definition: PatternDefinition) throws(RegexCompileError) {
        self.definition = definition
        kind = definition.kind
        id = definition.id
        fallback = definition.fallback
        level = definition.level
        matchesRawLine = definition.subject == .line
        regex = try definition.regex.map { source throws(RegexCompileError) in try CompiledRegex(source) }
        field = try definition.field.map { source throws(RegexCompileError) in try CompiledRegex(source) }
        groups = Groups(regex?.groupNumbers ?? [:])
        defaultBytesPerUnit = definition.unit.flatMap { UnitConversion.bytes($0) } ?? 1
        defaultSecondsPerUnit = definition.durationUnit.flatMap { UnitConversion.seconds($0) }
    }
}
