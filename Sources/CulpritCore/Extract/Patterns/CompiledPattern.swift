/// A pattern ready to run: its regexes compiled and its capture groups resolved.
struct CompiledPattern: Sendable {
    let definition: PatternDefinition
    let regex: CompiledRegex?
    let field: CompiledRegex?
    let groups: Groups
    /// Bytes per unit when the line gives no unit.
    let defaultBytesPerUnit: Double
    /// Seconds per unit when the line gives no duration unit.
    let defaultSecondsPerUnit: Double?

    /// Capture group numbers (0 when the regex has no such group).
    struct Groups: Sendable {
        var value = 0, unit = 0, limit = 0, limitUnit = 0, duration = 0, durationUnit = 0
        var status = 0, service = 0, version = 0, host = 0

        init(_ names: [String: Int]) {
            value = names["value"] ?? 0
            unit = names["unit"] ?? 0
            limit = names["limit"] ?? 0
            limitUnit = names["limit_unit"] ?? 0
            duration = names["duration"] ?? 0
            durationUnit = names["duration_unit"] ?? 0
            status = names["status"] ?? 0
            service = names["service"] ?? 0
            version = names["version"] ?? 0
            host = names["host"] ?? 0
        }
    }

    init(_ definition: PatternDefinition) throws(RegexCompileError) {
        self.definition = definition
        regex = try definition.regex.map { source throws(RegexCompileError) in try CompiledRegex(source) }
        field = try definition.field.map { source throws(RegexCompileError) in try CompiledRegex(source) }
        groups = Groups(regex?.groupNumbers ?? [:])
        defaultBytesPerUnit = definition.unit.flatMap { UnitConversion.bytes($0) } ?? 1
        defaultSecondsPerUnit = definition.durationUnit.flatMap { UnitConversion.seconds($0) }
    }
}
