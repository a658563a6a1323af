import CulpritModel

/// One service's changes in the order they happened: which one returns to what
/// ran before (a rollback), and what each one replaced.
enum ChangeSequence {
    /// Where a change stands among the ones before it.
    enum Position: Equatable {
        /// Something not deployed before.
        case new
        /// The same as the change just before it (a re-sync, a re-run).
        case sameAsPrevious
        /// What an earlier change deployed, but not the one just before: a rollback.
        case returnToEarlier
    }

    /// The position of each identity (a revision, a commit, a version) in order;
    /// an unknown identity (nil) is new.
    static func positions(of identities: [String?]) -> [Position] {
        var seen = Set<String>()
        var previous: String?
        var positions = [Position]()
        for identity in identities {
            defer { previous = identity }
            guard let identity else { positions.append(.new); continue }
            if identity == previous {
                positions.append(.sameAsPrevious)
            } else {
                positions.append(seen.contains(identity) ? .returnToEarlier : .new)
            }
            seen.insert(identity)
        }
        return positions
    }

    /// Sets each change's previous version to the version of the change before
    /// it, when that differs.
    static func fillPreviousVersions(_ markers: inout [ChangeMarker]) {
        for index in markers.indices.dropFirst() where markers[index].previousVersion == nil {
            let before = markers[index - 1].version
            if before != markers[index].version { markers[index].previousVersion = before }
        }
    }
}
