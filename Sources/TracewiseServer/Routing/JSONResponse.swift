import EventLog
import Foundation
import HTTPTypes
import Hummingbird

/// Builds the API's responses: JSON with sorted keys (compact for resources, ``ReportJSON`` for the results
/// that must equal the CLI's bytes), and other media types as they are.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        try bytes(encoder.encode(value), status: status, contentType: "application/json", headers: headers)
    }

    static func bytes(_ data: some Sequence<UInt8>, status: HTTPResponse.Status = .ok, contentType: String,
                      headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a small JSON body (bounded by the context's `maxUploadSize`).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: TracewiseRequestContext) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw ServerError.badRequest("the request needs a JSON body", code: "invalid-json") }
        return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
    }
}
