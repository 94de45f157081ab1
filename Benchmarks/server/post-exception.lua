-- wrk script: POST one finance exception (no exceptionId, so each request is a new exception).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TRACEWISE_KEY")
wrk.body = '{"sourceSystem":"recon-engine","exceptionType":"POSITION_BREAK","timestamp":"2026-11-10T10:17:00Z",'
    .. '"payload":{"account":"SAFE-001","instrument":"US0378331005","internalQuantity":1000,"custodianQuantity":990,'
    .. '"breakValue":12000,"ageDays":1}}'
