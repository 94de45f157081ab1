#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The XES element kinds the parser distinguishes, recognised from raw name bytes.
enum XESElement: Equatable {
    case log
    case trace
    case event
    case extensionDeclaration
    case global
    case classifier
    case values
    case attribute(XESAttributeType)
    case unknown

    /// The kind of the element named by `name` (case-sensitive, as XML is).
    static func from(_ name: UnsafeRawBufferPointer) -> XESElement {
        func equals(_ word: StaticString) -> Bool {
            name.count == word.utf8CodeUnitCount && memcmp(name.baseAddress!, word.utf8Start, name.count) == 0
        }
        switch name.count {
        case 2: if equals("id") { return .attribute(.id) }
        case 3:
            if equals("int") { return .attribute(.int) }
            if equals("log") { return .log }
        case 4:
            if equals("date") { return .attribute(.date) }
            if equals("list") { return .attribute(.list) }
        case 5:
            if equals("event") { return .event }
            if equals("trace") { return .trace }
            if equals("float") { return .attribute(.float) }
        case 6:
            if equals("string") { return .attribute(.string) }
            if equals("values") { return .values }
            if equals("global") { return .global }
        case 7: if equals("boolean") { return .attribute(.boolean) }
        case 9:
            if equals("extension") { return .extensionDeclaration }
            if equals("container") { return .attribute(.container) }
        case 10: if equals("classifier") { return .classifier }
        default: break
        }
        return .unknown
    }
}

/// The XES attribute types (the element names of attributes).
enum XESAttributeType: UInt8 {
    case string, date, int, float, boolean, id, list, container

    /// Whether the type carries a `value` (lists and containers carry children instead).
    var isScalar: Bool { self != .list && self != .container }
}
