/// One service's message templates as the findings report them: every one that
/// came with a change, then the most frequent others.
public struct ServiceTemplates: Sendable {
    /// A template, with what it says about a change when it came with one.
    public struct Entry: Sendable {
        /// The template.
        public var template: MessageTemplate
        /// What it says about a change, when it came with one.
        public var novelty: MessageNovelty?
    }

    /// The service.
    public var service: String
    /// How many templates its error and warning messages make.
    public var distinct: Int
    /// The templates reported: those that came with a change, then the most frequent.
    public var entries: [Entry]

    /// Templates listed per service besides those that came with a change.
    public static let frequentLimit = 10

    /// The new and risen templates first (strongest first), then the most frequent.
    public var newEntries: [Entry] { entries.filter { $0.novelty != nil } }

    static func build(services: [ServiceActivity], novelties: [MessageNovelty]) -> [ServiceTemplates] {
        services.compactMap { service in
            guard service.templates.templateCount > 0 else { return nil }
            let noted = novelties.filter { $0.service == service.name }
            var entries = noted.map { Entry(template: $0.template, novelty: $0) }
            let frequent = service.templates.templates.lazy.filter { template in
                !noted.contains { $0.template.firstSeen == template.firstSeen && $0.template.tokens == template.tokens }
            }
            entries += frequent.prefix(frequentLimit).map { Entry(template: $0, novelty: nil) }
            return ServiceTemplates(service: service.name, distinct: service.templates.templateCount, entries: entries)
        }
    }
}
