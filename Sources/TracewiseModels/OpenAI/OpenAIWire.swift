import Packs

/// The Chat Completions and Embeddings wire format (OpenAI OpenAPI 2.3.0), only the fields Tracewise uses.
enum OpenAIWire {
    struct ChatRequest: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }

        struct StreamOptions: Encodable {
            var include_usage: Bool
        }

        var model: String
        var messages: [Message]
        var temperature: Double
        var max_completion_tokens: Int?
        var response_format: PackValue?
        var stream: Bool
        var stream_options: StreamOptions?
    }

    struct ChatChunk: Decodable {
        struct Choice: Decodable {
            struct Delta: Decodable {
                var content: String?
                var refusal: String?
            }

            var delta: Delta?
            var finish_reason: String?
        }

        var id: String?
        var model: String?
        var choices: [Choice]?
        var usage: Usage?
    }

    struct Usage: Decodable {
        var prompt_tokens: Int?
        var completion_tokens: Int?
    }

    struct ErrorEnvelope: Decodable {
        struct Body: Decodable {
            var message: String?
            var type: String?
            var code: String?
        }

        var error: Body?
    }

    struct EmbeddingRequest: Encodable {
        var model: String
        var input: [String]
        var encoding_format: String
        var dimensions: Int?
    }

    struct EmbeddingResponse: Decodable {
        struct Item: Decodable {
            var index: Int
            var embedding: EmbeddingVector
        }

        var data: [Item]
        var model: String?
        var usage: Usage?
    }

    /// An embedding as a float array or, with `encoding_format: base64`, little-endian float32 bytes in base64.
    enum EmbeddingVector: Decodable {
        case floats([Float])
        case base64(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .base64(text)
            } else {
                self = .floats(try container.decode([Float].self))
            }
        }
    }
}
