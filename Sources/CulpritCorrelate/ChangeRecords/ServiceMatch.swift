/// What `ServiceMatching` decided about a service change records name and the
/// logs do not: the line said about it on stderr.
public struct ServiceMatch: Sendable, Equatable, CustomStringConvertible {
    /// What the record's service was taken for.
    public enum Outcome: Sendable, Equatable {
        /// Taken for this service of the logs; `via` is the record's other name that matched.
        case named(String, via: String?)
        /// Several services of the logs fit.
        case ambiguous([String])
        /// None does.
        case none
    }

    /// The service as the change records name it.
    public var recordName: String
    /// The change record file that names it (the first one).
    public var path: String
    /// What was decided.
    public var outcome: Outcome

    /// Whether this deserves a warning: the changes were tied to no service.
    public var isProblem: Bool {
        if case .named = outcome { return false }
        return true
    }

    /// The line printed on stderr about it, with the option that overrides it.
    public var description: String {
        let prefix = path.isEmpty ? "" : "\(path): "
        switch outcome {
        case .named(let target, let via):
            let why = via.map { "its container \($0) is named so" } ?? "the names match once affixes are dropped"
            return prefix + "\(recordName) is taken for \(target) of the logs (\(why)); --service-alias \(recordName)=SERVICE says otherwise"
        case .ambiguous(let candidates):
            return prefix + "\(recordName) could be \(candidates.joined(separator: " or ")) of the logs; its changes stay suspects with no logs of their own (--service-alias \(recordName)=SERVICE picks one)"
        case .none:
            return prefix + "no service of the logs is named like \(recordName); its changes stay suspects with no logs of their own (--service-alias \(recordName)=SERVICE ties them to one)"
        }
    }
}
