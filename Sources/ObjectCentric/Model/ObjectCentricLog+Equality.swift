extension ObjectCentricLog {
    /// Two logs are equal when they hold the same types, events, objects, attribute values and relations
    /// in the same order. Provenance and whether a value was stored as an initial row (a property of the
    /// source format) do not count, so a log read back from any format equals the log written.
    public static func == (lhs: ObjectCentricLog, rhs: ObjectCentricLog) -> Bool {
        lhs.eventTypes == rhs.eventTypes && lhs.objectTypes == rhs.objectTypes
            && lhs.eventIDs == rhs.eventIDs && lhs.eventTypeCodes == rhs.eventTypeCodes
            && lhs.eventTimes == rhs.eventTimes
            && lhs.eventAttributeOffsets == rhs.eventAttributeOffsets
            && lhs.eventAttributeKeys == rhs.eventAttributeKeys && lhs.eventAttributeValues == rhs.eventAttributeValues
            && lhs.objectIDs == rhs.objectIDs && lhs.objectTypeCodes == rhs.objectTypeCodes
            && lhs.objectAttributeOffsets == rhs.objectAttributeOffsets
            && lhs.objectAttributeKeys == rhs.objectAttributeKeys
            && lhs.objectAttributeTimes == rhs.objectAttributeTimes
            && lhs.objectAttributeValues == rhs.objectAttributeValues
            && lhs.e2oOffsets == rhs.e2oOffsets && lhs.e2oObjects == rhs.e2oObjects
            && lhs.e2oQualifiers.map { lhs.qualifiers[Int($0)] } == rhs.e2oQualifiers.map { rhs.qualifiers[Int($0)] }
            && lhs.o2oOffsets == rhs.o2oOffsets && lhs.o2oTargets == rhs.o2oTargets
            && lhs.o2oQualifiers.map { lhs.qualifiers[Int($0)] } == rhs.o2oQualifiers.map { rhs.qualifiers[Int($0)] }
    }
}
