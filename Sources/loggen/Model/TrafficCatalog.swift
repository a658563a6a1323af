/// Realistic values that traffic is drawn from: user agents and client
/// addresses. Clients use the RFC 5737 documentation ranges, never real networks.
enum TrafficCatalog {
    /// Browser, mobile-app and library user agents in the proportions a consumer
    /// API sees.
    static let userAgents = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3 Mobile/15E148 Safari/604.1",
        "okhttp/4.12.0",
        "okhttp/4.12.0",
        "Dalvik/2.1.0 (Linux; U; Android 13; TECNO KI7 Build/TP1A.220624.014)",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:135.0) Gecko/20100101 Firefox/135.0",
    ]

    /// `count` client addresses from 203.0.113.0/24, 198.51.100.0/24 and 192.0.2.0/24.
    static func clientAddresses(_ count: Int, using random: inout SplitMix64) -> [String] {
        let prefixes = ["203.0.113.", "198.51.100.", "192.0.2."]
        return (0..<count).map { _ in random.pick(prefixes) + String(random.int(in: 2...254)) }
    }

    /// A version 4 UUID, for request ids.
    static func uuid(using random: inout SplitMix64) -> String {
        let hex = Array(random.hex(32))
        let variant = random.pick(Array("89ab"))
        return String(hex[0..<8]) + "-" + String(hex[8..<12]) + "-4" + String(hex[13..<16])
            + "-" + String(variant) + String(hex[17..<20]) + "-" + String(hex[20..<32])
    }
}
