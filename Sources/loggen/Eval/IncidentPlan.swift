/// A drawn incident: its services, its changes and the answer.
struct IncidentPlan {
    var fault: FaultType
    var zone: IncidentZone
    var platform: Platform
    /// The logs' window.
    var start: LogInstant
    var end: LogInstant
    var services: [ServicePlan]
    /// When the trouble begins (for the README).
    var troubleStart: LogInstant
    /// One sentence on what happened.
    var story: String

    /// Every change, in time order.
    var changes: [ChangeEvent] {
        services.flatMap(\.changes).sorted { $0.time < $1.time }
    }

    var guilty: ChangeEvent? { changes.first { $0.guilty } }

    func service(_ name: String) -> ServicePlan? { services.first { $0.name == name } }
}
