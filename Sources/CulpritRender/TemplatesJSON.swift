import CulpritCorrelate

/// The message templates in `analyze --format json`: the top-level `templates`
/// (per service: `service`, `distinct`, `messages`) and the `messages` of a
/// `new_messages` or `rising_messages` evidence item.
enum TemplatesJSON {
    static func services(_ templates: [ServiceTemplates]) -> JSONValue {
        .array(templates.map { service in
            .object([
                ("service", .string(service.service)),
                ("distinct", .number(Double(service.distinct))),
                ("messages", .array(service.entries.map { entry(template: $0.template, novelty: $0.novelty) })),
            ])
        })
    }

    /// An evidence item's templates, each with what it says about the change.
    static func evidenceMessages(_ messages: [MessageNovelty]) -> JSONValue {
        .array(messages.map { entry(template: $0.template, novelty: $0) })
    }

    /// One template: `template`, `kind`, `count`, `first_seen`, `last_seen`, `refs`
    /// (its first lines) and `since_change` (null, or the change it came with and how).
    static func entry(template: MessageTemplate, novelty: MessageNovelty?) -> JSONValue {
        .object([
            ("template", .string(template.text)),
            ("kind", .string(template.kind.rawValue)),
            ("count", .number(Double(template.count))),
            ("first_seen", .time(template.firstSeen)),
            ("last_seen", .time(template.lastSeen)),
            ("refs", .array(template.examples.map { .string($0.ref.description) })),
            ("since_change", novelty.map(sinceChange) ?? .null),
        ])
    }

    /// `{"service", "version", "change", "at", "how": "new"|"rose", "count_after", "per_minute", "per_minute_before"}`.
    static func sinceChange(_ novelty: MessageNovelty) -> JSONValue {
        .object([
            ("service", .string(novelty.change.service)),
            ("version", .optional(novelty.change.version)),
            ("change", .string(novelty.change.kind.rawValue)),
            ("at", .time(novelty.change.time)),
            ("how", .string(novelty.how.rawValue)),
            ("count_after", .number(Double(novelty.countAfter))),
            ("per_minute", .number((novelty.ratePerMinute * 100).rounded() / 100)),
            ("per_minute_before", novelty.rateBefore.map { .number(($0 * 1000).rounded() / 1000) } ?? .null),
        ])
    }
}
