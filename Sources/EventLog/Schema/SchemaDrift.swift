/// The differences between two ``LogSchema``s: attributes added, removed, retyped (same key and level,
/// other type) or moved to another level, and whether the declared classifiers changed.
///
/// ```swift
/// let drift = SchemaFingerprint(old).drift(to: SchemaFingerprint(new))
/// for change in drift.retyped { print(change.key, change.oldType, "→", change.newType) }
/// ```
public struct SchemaDrift: Hashable, Sendable, Codable {
    /// A key whose type changed at one level.
    public struct Retyped: Hashable, Sendable, Codable {
        public var key: String
        public var level: LogSchema.Level
        public var oldType: String
        public var newType: String

        public init(key: String, level: LogSchema.Level, oldType: String, newType: String) {
            self.key = key
            self.level = level
            self.oldType = oldType
            self.newType = newType
        }
    }

    /// A key that disappeared from one level and appeared at another.
    public struct LevelChanged: Hashable, Sendable, Codable {
        public var key: String
        public var oldLevel: LogSchema.Level
        public var newLevel: LogSchema.Level
        public var oldType: String
        public var newType: String

        public init(key: String, oldLevel: LogSchema.Level, newLevel: LogSchema.Level, oldType: String, newType: String) {
            self.key = key
            self.oldLevel = oldLevel
            self.newLevel = newLevel
            self.oldType = oldType
            self.newType = newType
        }
    }

    public var added: [LogSchema.Field]
    public var removed: [LogSchema.Field]
    public var retyped: [Retyped]
    public var levelChanged: [LevelChanged]
    public var classifiersChanged: Bool

    /// True when the schemas are the same.
    public var isEmpty: Bool {
        added.isEmpty && removed.isEmpty && retyped.isEmpty && levelChanged.isEmpty && !classifiersChanged
    }

    public init(from old: LogSchema, to new: LogSchema) {
        struct Slot: Hashable { var key: String; var level: LogSchema.Level }
        let oldBySlot = Dictionary(old.fields.map { (Slot(key: $0.key, level: $0.level), $0) }, uniquingKeysWith: { a, _ in a })
        let newBySlot = Dictionary(new.fields.map { (Slot(key: $0.key, level: $0.level), $0) }, uniquingKeysWith: { a, _ in a })
        var retyped: [Retyped] = []
        for field in old.fields {
            if let other = newBySlot[Slot(key: field.key, level: field.level)], other.type != field.type {
                retyped.append(Retyped(key: field.key, level: field.level, oldType: field.type, newType: other.type))
            }
        }
        var onlyOld = old.fields.filter { newBySlot[Slot(key: $0.key, level: $0.level)] == nil }
        var onlyNew = new.fields.filter { oldBySlot[Slot(key: $0.key, level: $0.level)] == nil }
        var moved: [LevelChanged] = []
        for field in onlyOld {
            guard let j = onlyNew.firstIndex(where: { $0.key == field.key }) else { continue }
            let other = onlyNew.remove(at: j)
            moved.append(LevelChanged(key: field.key, oldLevel: field.level, newLevel: other.level,
                                      oldType: field.type, newType: other.type))
        }
        onlyOld.removeAll { field in moved.contains { $0.key == field.key && $0.oldLevel == field.level } }
        added = onlyNew
        removed = onlyOld
        self.retyped = retyped
        levelChanged = moved
        classifiersChanged = old.classifiers != new.classifiers
    }
}
