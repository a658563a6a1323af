/// Splits CSV bytes into records and cells (RFC 4180): a cell may be quoted,
/// and a quoted cell may hold commas, doubled quotes (`""`) and line breaks.
/// LF and CRLF end a record; spaces and tabs around a cell are not part of it;
/// a quote inside an unquoted cell is an ordinary character.
///
/// Cells are byte ranges into the buffer: a row costs no allocation until a
/// reader asks for a cell's text.
struct CSVScanner {
    /// A cell's content: inside the quotes when it was quoted.
    struct Cell {
        var range: Range<Int>
        /// Holds doubled quotes that stand for one.
        var escaped: Bool
    }

    /// Why the bytes are not CSV, and on which line.
    enum Failure: Error {
        /// A quote that opens a cell on this line never closes.
        case unterminatedQuote(line: Int)
        /// Text follows a closing quote on this line.
        case textAfterQuote(line: Int)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    /// The cells of the record `next()` returned last.
    private(set) var cells: [Cell] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The next record that is not blank and not a `#` comment: its first line
    /// and its bytes (without the line end); its cells are in `cells`.
    mutating func next() throws(Failure) -> (line: Int, range: Range<Int>)? {
        while index < bytes.count {
            let firstLine = line
            let start = index
            if bytes[index] == UInt8(ascii: "#") || restOfLineIsBlank() {
                skipLine()
                continue
            }
            let end = try scanRecord()
            return (firstLine, start..<end)
        }
        return nil
    }

    /// The text of `cell`, its doubled quotes made single.
    func text(_ cell: Cell) -> String {
        let content = UnsafeBufferPointer(rebasing: bytes[cell.range])
        guard cell.escaped else { return String(decoding: content, as: UTF8.self) }
        var unescaped = [UInt8]()
        unescaped.reserveCapacity(content.count)
        var offset = 0
        while offset < content.count {
            unescaped.append(content[offset])
            offset += content[offset] == UInt8(ascii: "\"") ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private func restOfLineIsBlank() -> Bool {
        var probe = index
        while probe < bytes.count, bytes[probe] != 0x0A {
            guard isSpace(bytes[probe]) || bytes[probe] == 0x0D else { return false }
            probe += 1
        }
        return true
    }

    private mutating func skipLine() {
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        if index < bytes.count { index += 1; line += 1 }
    }

    /// Reads the cells of the record at `index`; returns where its content ends
    /// and leaves `index` on the next record.
    private mutating func scanRecord() throws(Failure) -> Int {
        cells.removeAll(keepingCapacity: true)
        while true {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                let openedOn = line
                index += 1
                let contentStart = index
                var escaped = false
                while true {
                    guard index < bytes.count else { throw .unterminatedQuote(line: openedOn) }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") { escaped = true; index += 2; continue }
                        break
                    }
                    if byte == 0x0A { line += 1 }
                    index += 1
                }
                cells.append(Cell(range: contentStart..<index, escaped: escaped))
                index += 1
                while index < bytes.count, isSpace(bytes[index]) || bytes[index] == 0x0D { index += 1 }
                guard index < bytes.count else { return index }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case 0x0A: return endRecord()
                default: throw .textAfterQuote(line: line)
                }
            } else {
                let contentStart = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != 0x0A { index += 1 }
                var contentEnd = index
                while contentEnd > contentStart, isSpace(bytes[contentEnd - 1]) || bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                cells.append(Cell(range: contentStart..<contentEnd, escaped: false))
                guard index < bytes.count else { return index }
                if bytes[index] == UInt8(ascii: ",") { index += 1 } else { return endRecord() }
            }
        }
    }

    /// On the LF that ends a record: steps past it and returns where the
    /// record's content ends (before a CR).
    private mutating func endRecord() -> Int {
        let end = index > 0 && bytes[index - 1] == 0x0D ? index - 1 : index
        index += 1
        line += 1
        return end
    }
}
