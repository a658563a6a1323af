/// The capture group numbers of a pattern's meaningful names (`value`, `unit`,
/// `status`…), in one flat table: the hot path reads them without reference
/// counting. Several numbers per name when `(?J)` reuses it across alternatives.
///
/// The table belongs to the `CompiledPattern` that made it and lives as long.
struct CaptureGroups: @unchecked Sendable {
    // @unchecked: written once in init, read-only afterwards.

    /// The names patterns give meaning to.
    enum Role: Int, CaseIterable {
        case value, unit, limit, limitUnit, duration, durationUnit, status, service, version, host, dependency, product

        var groupName: String {
            switch self {
            case .value: "value"
            case .unit: "unit"
            case .limit: "limit"
            case .limitUnit: "limit_unit"
            case .duration: "duration"
            case .durationUnit: "duration_unit"
            case .status: "status"
            case .service: "service"
            case .version: "version"
            case .host: "host"
            case .dependency: "dependency"
            case .product: "product"
            }
        }
    }

    /// `Role.allCases.count + 1` offsets into the numbers that follow them.
    private let table: UnsafeMutablePointer<Int32>

    init(_ names: [String: [Int]]) {
        let roles = Role.allCases
        let numbers = roles.map { names[$0.groupName] ?? [] }
        let offsets = roles.count + 1
        table = .allocate(capacity: offsets + numbers.reduce(0) { $0 + $1.count })
        var cursor = offsets
        for (index, list) in numbers.enumerated() {
            table[index] = Int32(cursor)
            for number in list {
                table[cursor] = Int32(number)
                cursor += 1
            }
        }
        table[roles.count] = Int32(cursor)
    }

    /// Frees the table; called by the owner's deinit.
    func deallocate() { table.deallocate() }

    /// Whether the regex has a group with this role's name.
    func has(_ role: Role) -> Bool { table[role.rawValue] < table[role.rawValue + 1] }

    /// The bytes of the first non-empty group with this role's name that took part.
    @inline(__always)
    func capture(_ role: Role, in match: RegexMatch, of text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var index = Int(table[role.rawValue])
        let end = Int(table[role.rawValue + 1])
        while index < end {
            if let range = match.range(group: Int(table[index])), !range.isEmpty {
                return UnsafeBufferPointer(rebasing: text[range])
            }
            index += 1
        }
        return nil
    }
}
