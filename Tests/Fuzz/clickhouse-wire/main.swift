// Fuzz target: the parsers of what culprit reads from ClickHouse and its users:
// a `clickhouse://` address (choice 0) and a TabSeparated answer (choice 1,
// then the row width, 1 to 9). Properties: no crash; an address that parses is
// written back (`description`) to the same address, with a host fit for a
// connection; rows that parse are escaped back to text that parses to the same rows.
@testable import CulpritClickHouse

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClickHouseWire(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzedInput(data, count)
    switch input.choice(of: [0, 1]) {
    case 0:
        let text = String(decoding: input.rest, as: UTF8.self)
        guard let address = try? ClickHouseAddress(parsing: text) else { return 0 }
        check((1...65_535).contains(address.port), "port \(address.port) accepted")
        check(ClickHouseAddress.isHostName(address.host), "host \(address.host.debugDescription) accepted")
        check(ClickHouseAddress.isIdentifier(address.database) && ClickHouseAddress.isIdentifier(address.table), "a database or table that is no identifier")
        let again = try? ClickHouseAddress(parsing: address.description)
        check(again == address, "\(address.description) does not read back as itself")
    default:
        let width = input.choice(of: Array(1...9))
        let body = Array(input.rest)
        guard let rows = try? TabSeparated.rows(body, width: width) else { return 0 }
        check(rows.allSatisfy { $0.count == width }, "a row of another width accepted")
        var text = [UInt8]()
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { text.append(UInt8(ascii: "\t")) }
                if let field { TabSeparated.appendEscaped(field, to: &text) } else { text += Array("\\N".utf8) }
            }
            text.append(UInt8(ascii: "\n"))
        }
        let again = try? TabSeparated.rows(text, width: width)
        check(again == rows, "rows do not survive escaping and reading again")
    }
    return 0
}
