import Packs

/// The Messages API wire format (`anthropic-version: 2023-06-01`), only the fields Tracewise uses.
enum AnthropicWire {
    struct Request: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }

        struct Tool: Encodable {
            var name: String
            var description: String
            var input_schema: PackValue
        }

        struct ToolChoice: Encodable {
            var type: String
            var name: String
        }

        var model: String
        var max_tokens: Int
        var system: String?
        var messages: [Message]
        var temperature: Double
        var stream: Bool
        var tools: [Tool]?
        var tool_choice: ToolChoice?
    }

    /// Any event of the stream; the `type` says which fields are set.
    struct Event: Decodable {
        struct Message: Decodable {
            var id: String?
            var model: String?
            var usage: Usage?
        }

        struct Block: Decodable {
            var type: String
        }

        struct Delta: Decodable {
            var type: String?
            var text: String?
            var partial_json: String?
            var stop_reason: String?
        }

        struct Failure: Decodable {
            var type: String?
            var message: String?
        }

        var type: String
        var index: Int?
        var message: Message?
        var content_block: Block?
        var delta: Delta?
        var usage: Usage?
        var error: Failure?
        var request_id: String?
    }

    struct Usage: Decodable {
        var input_tokens: Int?
        var output_tokens: Int?
    }
}
