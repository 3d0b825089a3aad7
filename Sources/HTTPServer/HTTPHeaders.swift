/// An ordered list of header fields with case-insensitive name lookup.
///
/// Names keep the spelling they were given; lookups compare ASCII case-insensitively.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields in order, as (name, value) pairs.
    public private(set) var fields: [(name: String, value: String)]

    /// An empty header list.
    public init() { fields = [] }

    /// `["Content-Type": "text/plain"]`; keeps the literal's order.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// Number of fields (a name that occurs twice counts twice).
    public var count: Int { fields.count }

    /// The first value for `name`; setting replaces every field with that name (nil removes them).
    public subscript(name: String) -> String? {
        get {
            for field in fields where ASCII.equalsIgnoringCase(field.name.utf8, name.utf8) { return field.value }
            return nil
        }
        set {
            remove(name)
            if let newValue { fields.append((name: name, value: newValue)) }
        }
    }

    /// Every value for `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { ASCII.equalsIgnoringCase($0.name.utf8, name.utf8) }.map(\.value)
    }

    /// Whether any field is named `name`.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Appends a field, keeping existing fields with the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: String) {
        fields.removeAll { ASCII.equalsIgnoringCase($0.name.utf8, name.utf8) }
    }

    mutating func reserveCapacity(_ capacity: Int) { fields.reserveCapacity(capacity) }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}
