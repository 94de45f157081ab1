import Packs

/// The Ollama `/api/chat` and `/api/embed` wire format (ollama/ollama docs/api.md).
enum OllamaWire {
    struct ChatRequest: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }

        struct Options: Encodable {
            var temperature: Double
            var num_predict: Int?
        }

        var model: String
        var messages: [Message]
        var stream: Bool
        var format: PackValue?
        var options: Options
    }

    /// One NDJSON line: a piece of the reply, the final line with statistics, or an error.
    struct ChatLine: Decodable {
        struct Message: Decodable {
            var content: String?
        }

        var model: String?
        var message: Message?
        var done: Bool?
        var done_reason: String?
        var error: String?
        var prompt_eval_count: Int?
        var eval_count: Int?
        /// Nanoseconds.
        var total_duration: Int64?
        var load_duration: Int64?
        var prompt_eval_duration: Int64?
        var eval_duration: Int64?
    }

    struct EmbedRequest: Encodable {
        var model: String
        var input: [String]
        var dimensions: Int?
        var truncate: Bool
    }

    struct EmbedResponse: Decodable {
        var model: String?
        var embeddings: [[Float]]
        var prompt_eval_count: Int?
    }

    struct ErrorBody: Decodable {
        var error: String?
    }
}
